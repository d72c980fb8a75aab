package dev.hindsight.ingest.internal.files;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** A drop folder, read by a pull source ({@code hindsight.ingest.pull.folders[i].*}). */
public record FolderPullSettings(String name, Path path, @DefaultValue("PT10S") Duration interval) {}
