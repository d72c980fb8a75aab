package dev.hindsight.samples;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A sample incident: its declaration and its raw files.
 *
 * @param zone the zone the team's zoneless logs were written in (IRC, syslog)
 */
public record SampleIncident(
        String key,
        String title,
        String severity,
        Instant from,
        Instant to,
        String commander,
        String zone,
        List<SampleFile> files) {

    /**
     * One raw file.
     *
     * @param attach whether the commander attached it to the incident; the rest is evidence in the window that the
     *     timeline engine decides about
     * @param provider set when the file holds an outside provider's statements
     */
    public record SampleFile(String name, boolean attach, @Nullable String provider) {}

    /** The content of one of this sample's files. */
    public InputStream open(SampleFile file) throws IOException {
        String path = "/dev/hindsight/samples/" + folder() + "/" + file.name();
        InputStream in = SampleIncident.class.getResourceAsStream(path);
        if (in == null) {
            throw new IOException("sample file missing from the build: " + path);
        }
        return in;
    }

    /**
     * The sample's post-mortem as the team wrote it, if it has one: {@code {"status", "author", "sections": {SECTION:
     * markdown}, "actions": [{"title", "lesson", "owner", "team", "type", "priority", "dueDate", "status"}]}}.
     */
    public java.util.Optional<InputStream> openPostMortem() {
        return java.util.Optional.ofNullable(
                SampleIncident.class.getResourceAsStream("/dev/hindsight/samples/" + folder() + "/postmortem.json"));
    }

    /** The resource folder of this sample. */
    public String folder() {
        return key.toLowerCase(Locale.ROOT);
    }
}
