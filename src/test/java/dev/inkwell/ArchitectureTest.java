package dev.inkwell;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the packages (README, "Code map"): platform at the bottom, then web, auth,
 * users, profiles and tags, articles, comments, demo; the composition root on top. A feature
 * package may use the ones below it, never one above, so each can be read and tested on its own.
 */
@Tag("unit")
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.inkwell");

    @Test
    void noPackagesDependOnEachOtherInACycle() {
        slices().matching("dev.inkwell.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void platformUsesNoFeature() {
        noClasses().that().resideInAPackage("dev.inkwell.platform..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.inkwell", "dev.inkwell.web..", "dev.inkwell.auth..", "dev.inkwell.users..",
                        "dev.inkwell.profiles..", "dev.inkwell.tags..", "dev.inkwell.articles..",
                        "dev.inkwell.comments..", "dev.inkwell.demo..")
                .because("platform is the bottom layer: it knows no feature")
                .check(MAIN);
    }
}
