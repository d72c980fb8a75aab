package dev.hindsight.ingest.internal.files;

import dev.hindsight.ingest.internal.registry.SourceRegistry;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.PullKind;
import dev.hindsight.ingest.spi.SourceFamily;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Files dropped into a watched folder, each read as {@code import} reads it (any format the registry knows). */
@Component
class FilesFamily implements SourceFamily {

    /** The registry is built from every family, this one included: it is looked up when a source is created. */
    private final ObjectProvider<SourceRegistry> registry;

    FilesFamily(ObjectProvider<SourceRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "files";
    }

    @Override
    public List<FormatDecoder> decoders() {
        return List.of();
    }

    @Override
    public List<PullKind<?>> pullKinds() {
        return List.<PullKind<?>>of(PullKind.of("folder", FolderPullSettings.class,
                (s, context) -> new WatchedFolderPull(s.name(), s.path(), registry.getObject(), s.interval(),
                        context.clock()),
                s -> List.of(new PullKind.Target.Folder(s.path()))));
    }
}
