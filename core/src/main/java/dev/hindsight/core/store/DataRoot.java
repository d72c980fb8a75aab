package dev.hindsight.core.store;

import java.nio.file.Path;

/**
 * Where this installation keeps its data ({@code hindsight.data}): the embedded database, the index, uploads,
 * backups and samples below one folder. The application binds it once; modules take it as a bean.
 */
public record DataRoot(Path path) {

    public DataRoot {
        path = path.toAbsolutePath().normalize();
    }

    public Path resolve(String child) {
        return path.resolve(child);
    }
}
