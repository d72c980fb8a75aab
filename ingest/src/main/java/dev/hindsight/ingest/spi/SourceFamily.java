package dev.hindsight.ingest.spi;

import java.util.List;

/**
 * Everything Hindsight reads of one kind of tool, declared in one place (its folder under {@code source/}): the file
 * formats it decodes, the webhooks it receives and the pull sources it offers. The registry serves file import,
 * webhook bodies and dead-letter replays from these declarations alone.
 */
public interface SourceFamily {

    /** The family's name, e.g. {@code pagerduty}. */
    String name();

    /** Decoders of single files (and of webhook bodies and replayed records of the same formats). */
    List<FormatDecoder> decoders();

    /** Decoders of formats that span several files of an archive (a Slack export). */
    default List<ArchiveDecoder> archiveDecoders() {
        return List.of();
    }

    default List<WebhookMapping> webhooks() {
        return List.of();
    }

    default List<PullKind<?>> pullKinds() {
        return List.of();
    }
}
