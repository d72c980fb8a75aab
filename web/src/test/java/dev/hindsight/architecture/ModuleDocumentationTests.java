package dev.hindsight.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.NamedInterface;

/**
 * Keeps the module section of {@code ARCHITECTURE.md} generated from the code: the dependency graph and each module's
 * published API as Spring Modulith reads them. When the code changes, regenerate it (and commit the page) with
 * {@code ./mvnw -pl web -am test -Dtest=ModuleDocumentationTests -Dsurefire.failIfNoSpecifiedTests=false
 * -Dhindsight.docs.write=true}.
 */
class ModuleDocumentationTests {

    static final Path PAGE = Path.of("..", "ARCHITECTURE.md");
    static final String BEGIN = "<!-- modules:begin -->";
    static final String END = "<!-- modules:end -->";

    @Test
    void theArchitecturePageShowsTheModulesAsTheCodeDeclaresThem() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        assertThat(begin).as("ARCHITECTURE.md has a %s … %s section", BEGIN, END).isNotNegative();
        String updated = page.substring(0, begin + BEGIN.length()) + "\n" + generated() + page.substring(end);
        if (Boolean.getBoolean("hindsight.docs.write")) {
            Files.writeString(PAGE, updated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(page).as("ARCHITECTURE.md is stale; regenerate it with -Dhindsight.docs.write=true")
                .isEqualTo(updated);
    }

    static String generated() {
        StringBuilder out = new StringBuilder();
        out.append("```mermaid\nflowchart LR\n");
        Modules.ALL.stream().sorted().forEach(module -> dependenciesOf(module)
                .forEach(target -> out.append("    ").append(name(module)).append(" --> ").append(target)
                        .append('\n')));
        out.append("```\n\n");
        out.append("| module | depends on | published API: package → public types |\n|---|---|---|\n");
        Modules.ALL.stream().sorted().forEach(module -> out.append("| **").append(name(module)).append("**<br>")
                .append(module.getDisplayName()).append(" | ")
                .append(String.join(", ", dependenciesOf(module)).replaceFirst("^$", "nothing of ours"))
                .append(" | ").append(api(module)).append(" |\n"));
        return out.toString();
    }

    static String name(ApplicationModule module) {
        return module.getIdentifier().toString();
    }

    static java.util.List<String> dependenciesOf(ApplicationModule module) {
        return module.getDirectDependencies(Modules.ALL).uniqueModules().map(ModuleDocumentationTests::name)
                .distinct().sorted().toList();
    }

    /** Public top-level types of each published package, by package relative to the module. */
    static String api(ApplicationModule module) {
        String base = module.getBasePackage().getName();
        Map<String, String> byPackage = new TreeMap<>();
        for (NamedInterface api : module.getNamedInterfaces()) {
            api.asJavaClasses()
                    .filter(type -> type.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC))
                    .filter(type -> type.getEnclosingClass().isEmpty() && !type.getSimpleName().equals("package-info"))
                    .collect(Collectors.groupingBy(JavaClass::getPackageName, TreeMap::new,
                            Collectors.mapping(JavaClass::getSimpleName,
                                    Collectors.toCollection(java.util.TreeSet::new))))
                    .forEach((pkg, types) -> byPackage.put(
                            pkg.equals(base) ? "(base)" : pkg.substring(base.length() + 1),
                            String.join(", ", types)));
        }
        return byPackage.entrySet().stream().map(e -> "`" + e.getKey() + "` → " + e.getValue())
                .collect(Collectors.joining("<br>"));
    }
}
