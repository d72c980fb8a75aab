package dev.hindsight.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rule of DESIGN.md: core depends on nothing of ours; ingest, search, reporting and samples only on core. */
class ModuleDependencyTests {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.hindsight");
    }

    @Test
    void coreDependsOnNothingOfOursNorOnAFramework() {
        noClasses().that().resideInAPackage("dev.hindsight.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.hindsight.ingest..", "dev.hindsight.search..", "dev.hindsight.reporting..",
                        "dev.hindsight.web..", "org.springframework..", "jakarta.persistence..")
                .check(classes);
    }

    @Test
    void ingestDependsOnlyOnCore() {
        noClasses().that().resideInAPackage("dev.hindsight.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.hindsight.search..", "dev.hindsight.reporting..", "dev.hindsight.web..",
                        "org.apache.lucene..")
                .check(classes);
    }

    @Test
    void searchDependsOnlyOnCore() {
        noClasses().that().resideInAPackage("dev.hindsight.search..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.hindsight.ingest..", "dev.hindsight.reporting..", "dev.hindsight.web..")
                .check(classes);
    }

    @Test
    void reportingDependsOnlyOnCore() {
        noClasses().that().resideInAPackage("dev.hindsight.reporting..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.hindsight.ingest..", "dev.hindsight.search..", "dev.hindsight.web..")
                .check(classes);
    }

    @Test
    void samplesDependOnlyOnCore() {
        noClasses().that().resideInAPackage("dev.hindsight.samples..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.hindsight.ingest..", "dev.hindsight.search..", "dev.hindsight.reporting..",
                        "dev.hindsight.web..")
                .check(classes);
    }

    @Test
    void onlyTheSearchModuleTouchesLucene() {
        noClasses().that().resideOutsideOfPackage("dev.hindsight.search..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.lucene..")
                .check(classes);
    }

    @Test
    void nobodyUsesJackson2() {
        noClasses().should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.databind..")
                .check(classes);
    }
}
