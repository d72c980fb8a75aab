package dev.hindsight.web.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.incident.Viewer;
import dev.hindsight.search.unified.UnifiedSearch;
import dev.hindsight.web.support.TestDataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;

/** Every search the README shows finds something in the samples a first start loads, as a newcomer would try it. */
@SpringBootTest(properties = "hindsight.mode=serve")
class ReadmeSearchExamplesTests {

    @Autowired
    UnifiedSearch search;

    @Autowired
    dev.hindsight.search.internal.index.LuceneIndex index;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-readme-");
    }

    @Test
    void everySearchExampleInTheReadmeFindsEventsInTheSamples() throws Exception {
        index.refresh(); // the samples' events are searchable once the index has taken them in
        List<String> examples = Files.readAllLines(Path.of("..", "README.md")).stream().map(String::strip)
                .filter(l -> l.startsWith("./hindsight search ")).toList();
        assertThat(examples).as("the README shows search examples").hasSizeGreaterThanOrEqualTo(2);
        for (String line : examples) {
            String command = line.replaceFirst("\\s+#.*$", "");
            List<String> args = words(command.substring("./hindsight search ".length()));
            SearchCommand parsed = new SearchCommand();
            new CommandLine(parsed).parseArgs(args.toArray(String[]::new));
            var result = search.search(parsed.searchQuery(), parsed.wantedTypes(), Viewer.LOCAL_ADMIN);
            assertThat(result.total()).as(line).isPositive();
        }
    }

    /** Shell words: single and double quotes group, backslash escapes are not used in the README. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
