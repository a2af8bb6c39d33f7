package dev.inkwell.platform;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which key per-address limits count an address against. */
@Tag("unit")
class ClientAddressTest {

    @ParameterizedTest
    @CsvSource({
            "198.51.100.7, 198.51.100.7",
            "2001:db8:1:2:3:4:5:6, 2001:db8:1:2::/64",
            "2001:db8:1:2:ffff:ffff:ffff:ffff, 2001:db8:1:2::/64",
            "2001:db8::1, 2001:db8:0:0::/64",
            "2001:db8::5:1:2:3:4, 2001:db8:0:5::/64",
            "::1, 0:0:0:0::/64",
            "::ffff:198.51.100.7, 198.51.100.7",
            "unknown, unknown",
            "evil.example, evil.example",
    })
    void ipv4AddressesCountAloneAndIpv6AddressesByTheirSlash64(String address, String key) {
        assertEquals(key, ClientAddress.limitKey(address));
    }
}
