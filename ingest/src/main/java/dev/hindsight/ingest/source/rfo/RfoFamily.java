package dev.hindsight.ingest.source.rfo;

import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.PullKind;
import dev.hindsight.ingest.spi.SourceFamily;
import java.util.List;
import org.springframework.stereotype.Component;

/** Providers' reason-for-outage reports: e-mails (.eml, .mbox) with their PDF attachments, PDFs, an IMAP mailbox. */
@Component
class RfoFamily implements SourceFamily {

    @Override
    public String name() {
        return "rfo";
    }

    @Override
    public List<FormatDecoder> decoders() {
        return List.of(new RfoEmailDecoder(), new RfoPdfDecoder());
    }

    @Override
    public List<PullKind<?>> pullKinds() {
        return List.<PullKind<?>>of(PullKind.of("imap", ImapPullSettings.class,
                (s, context) -> new ImapPull(s.name(), s.host(), s.port(), s.ssl(), s.username(), s.password(),
                        s.folder(), s.provider(), s.interval()),
                s -> List.of(new PullKind.Target.Host(s.host()))));
    }
}
