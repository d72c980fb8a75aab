package dev.hindsight.search;

import dev.hindsight.core.store.DataRoot;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The store alone, for its tests: data source, migrations, index, search, incidents. */
@SpringBootApplication
public class SearchTestApplication {

    /** The application binds the data directory; here the tests do. */
    @Bean
    DataRoot dataRoot(@Value("${hindsight.data}") Path data) {
        return new DataRoot(data);
    }
}
