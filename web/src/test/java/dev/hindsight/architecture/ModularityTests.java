package dev.hindsight.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries as the build enforces them: Spring Modulith's verification (no module uses another's
 * internals, only its published API packages; no cycles between modules; the allowed dependencies each module
 * declares), no cycles between any two packages, and the rules Modulith cannot express.
 */
class ModularityTests {

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(Modules.MAIN_CODE_ONLY)
            .importPackages("dev.hindsight");

    @Test
    void modulesUseEachOtherOnlyThroughTheirPublishedApis() {
        Modules.ALL.verify();
    }

    @Test
    void theModulesAreTheOnesTheArchitecturePageDescribes() {
        assertThat(Modules.ALL.stream().map(m -> m.getIdentifier().toString()).sorted().toList())
                .isEqualTo(List.of("core", "ingest", "reporting", "samples", "search", "web"));
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.hindsight.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void coreUsesNoFrameworkBeyondTheModuleAnnotations() {
        noClasses().that().resideInAPackage("dev.hindsight.core..").and().doNotHaveSimpleName("package-info")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..")
                .check(CLASSES);
    }

    @Test
    void onlyTheSearchModuleTouchesLucene() {
        noClasses().that().resideOutsideOfPackage("dev.hindsight.search..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.lucene..")
                .check(CLASSES);
    }

    @Test
    void nobodyUsesJackson2() {
        noClasses().should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.databind..")
                .check(CLASSES);
    }
}
