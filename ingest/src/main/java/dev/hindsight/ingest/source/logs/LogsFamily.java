package dev.hindsight.ingest.source.logs;

import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.SourceFamily;
import java.util.List;
import org.springframework.stereotype.Component;

/** Log files: syslog (RFC 5424, RFC 3164, rsyslog's file format) and Nagios/Icinga logs. */
@Component
class LogsFamily implements SourceFamily {

    @Override
    public String name() {
        return "logs";
    }

    @Override
    public List<FormatDecoder> decoders() {
        return List.of(new SyslogDecoder(), new NagiosDecoder());
    }
}
