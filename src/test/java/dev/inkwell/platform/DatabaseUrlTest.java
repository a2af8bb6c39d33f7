package dev.inkwell.platform;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class DatabaseUrlTest {

    @Test
    void oneHostIsTranslatedAsBefore() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:p%40ss@db.internal:6543/inkwell?sslmode=require");
        assertEquals("jdbc:postgresql://db.internal:6543/inkwell?sslmode=require", url.jdbcUrl());
        assertEquals("app", url.user());
        assertEquals("p@ss", url.password());
        assertEquals("jdbc:postgresql://h:5432/d", DatabaseUrl.parse("postgres://h/d").jdbcUrl());
        assertEquals("jdbc:postgresql://127.0.0.1:55432/inkwell",
                     DatabaseUrl.parse("postgresql://inkwell:inkwell@127.0.0.1:55432/inkwell").jdbcUrl());
        DatabaseUrl withoutCredentials = DatabaseUrl.parse("postgresql://h:1/d");
        assertNull(withoutCredentials.user());
        assertNull(withoutCredentials.password());
        assertEquals("jdbc:postgresql://h:1/d?x=1", DatabaseUrl.parse("postgresql://h:1/d?x=1").jdbcUrl());
    }

    @Test
    void jdbcUrlsPassAsTheyAre() {
        String jdbc = "jdbc:postgresql://a:1,b:2/d?targetServerType=primary";
        assertEquals(jdbc, DatabaseUrl.parse(jdbc).jdbcUrl());
    }

    @Test
    void severalHostsBecomePgJdbcsMultiHostUrlWithEveryPortSpelledOut() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://user:pw@h1:5432,h2:5433,h3/inkwell"
                                            + "?sslmode=verify-full&sslrootcert=/etc/inkwell/ca.crt"
                                            + "&target_session_attrs=read-write");
        assertEquals("jdbc:postgresql://h1:5432,h2:5433,h3:5432/inkwell"
                     + "?sslmode=verify-full&sslrootcert=/etc/inkwell/ca.crt&targetServerType=primary",
                     url.jdbcUrl());
        assertEquals("user", url.user());
        assertEquals("pw", url.password());
        assertEquals("jdbc:postgresql://db1:5432,db2:5432,db3:5432/inkwell?targetServerType=primary",
                     DatabaseUrl.parse("postgresql://db1:5432,db2:5432,db3:5432/inkwell?target_session_attrs=primary")
                             .jdbcUrl());
    }

    @Test
    void ipv6HostsKeepTheirBrackets() {
        assertEquals("jdbc:postgresql://[::1]:5432,[fe80::1%eth0]:5433,[2001:db8::7]:5432/d?targetServerType=primary",
                     DatabaseUrl.parse("postgresql://u@[::1]:5432,[fe80::1%25eth0]:5433,[2001:db8::7]/d"
                                       + "?target_session_attrs=read-write").jdbcUrl());
        assertEquals("jdbc:postgresql://[::1]:6432/d", DatabaseUrl.parse("postgresql://[::1]:6432/d").jdbcUrl());
    }

    @Test
    void targetSessionAttrsMapsToTargetServerType() {
        assertEquals("jdbc:postgresql://a:5432,b:5432/d?targetServerType=primary&connectTimeout=2",
                     DatabaseUrl.parse("postgresql://a,b/d?target_session_attrs=read-write&connectTimeout=2").jdbcUrl());
        assertEquals("jdbc:postgresql://a:5432/d?targetServerType=any",
                     DatabaseUrl.parse("postgresql://a/d?target_session_attrs=any").jdbcUrl());
        assertEquals("jdbc:postgresql://a:5432/d?targetServerType=primary",
                     DatabaseUrl.parse("postgresql://a/d?target_session_attrs=read-write").jdbcUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "postgresql://a,b/d",
            "postgresql://a,b/d?sslmode=require",
            "postgresql://a,b/d?target_session_attrs=any",
            "postgresql://a,b/d?xtargetServerType=primary",
    })
    void severalHostsNeedTheSessionToBeTheOneThatTakesWrites(String url) {
        var refused = assertThrows(Settings.InvalidSettingsException.class, () -> DatabaseUrl.parse(url));
        assertEquals("DATABASE_URL lists several hosts, so it needs target_session_attrs=read-write",
                     refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"read-only", "standby", "prefer-standby", "READ-WRITE", ""})
    void sessionAttributesThatDoNotLeadToThePrimaryAreRefused(String attributes) {
        var refused = assertThrows(Settings.InvalidSettingsException.class, () -> DatabaseUrl.parse(
                "postgresql://a,b/d?target_session_attrs=" + attributes));
        assertTrue(refused.getMessage().startsWith("DATABASE_URL target_session_attrs must be read-write"),
                   refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));
    }

    @Test
    void passwordsMayHoldWhatUrlsReserveWhenEncodedAndPlusIsAPlus() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:a%2Cb%3Ac%2Fd%40e+f@h1,h2/db?target_session_attrs=primary");
        assertEquals("a,b:c/d@e+f", url.password());
        assertEquals("jdbc:postgresql://h1:5432,h2:5432/db?targetServerType=primary", url.jdbcUrl());
        assertEquals("p@ss", DatabaseUrl.parse("postgresql://app:p@ss@h/db").password(),
                     "the host follows the last @");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "postgresql://u:p@/d",
            "postgresql://u:p@h1,,h2/d",
            "postgresql://u:p@h1,/d",
            "postgresql://h:0/d",
            "postgresql://h:65536/d",
            "postgresql://h:port/d",
            "postgresql://h1:5432,h2:x/d",
            "postgresql://[::1/d",
            "postgresql://[::1]5432/d",
            "postgresql://[]:5432/d",
            "postgresql://%2Fvar%2Frun%2Fpostgresql/d",
            "postgresql://h d/x",
            "postgresql://u:%zz@h/d",
            "mysql://h/d",
    })
    void malformedUrlsAreRefusedWithOneLine(String url) {
        var refused = assertThrows(Settings.InvalidSettingsException.class, () -> DatabaseUrl.parse(url));
        assertTrue(refused.getMessage().startsWith("DATABASE_URL"), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));
    }

    @Test
    void errorsAndToStringLeaveThePasswordOut() {
        var refused = assertThrows(Settings.InvalidSettingsException.class,
                                   () -> DatabaseUrl.parse("postgresql://u:secret@h1:99999/d"));
        assertFalse(refused.getMessage().contains("secret"), refused.getMessage());
        assertFalse(DatabaseUrl.parse("postgresql://u:secret@h1,h2/d?target_session_attrs=read-write")
                            .toString().contains("secret"));
    }
}
