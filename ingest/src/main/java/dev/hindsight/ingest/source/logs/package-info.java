/** Log files: syslog (RFC 5424 and RFC 3164) and Nagios/Icinga logs. */
@NullMarked
package dev.hindsight.ingest.source.logs;

import org.jspecify.annotations.NullMarked;
