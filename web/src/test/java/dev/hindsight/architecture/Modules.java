package dev.hindsight.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import dev.hindsight.HindsightApplication;
import org.springframework.modulith.core.ApplicationModules;

/** The application's modules as Spring Modulith reads them from main code (test trees and test jars left out). */
final class Modules {

    /** Test classes, whether in a module's own test tree or in another module's test jar (core's builders). */
    static final ImportOption MAIN_CODE_ONLY = location -> !location.contains("/test-classes/")
            && !location.contains("-tests.jar");

    static final ApplicationModules ALL = ApplicationModules.of(HindsightApplication.class, MAIN_CODE_ONLY);

    private Modules() {}
}
