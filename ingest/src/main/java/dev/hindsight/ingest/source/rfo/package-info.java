/** Providers reason-for-outage reports: e-mails (.eml, .mbox) and PDFs, with the times they state. */
@NullMarked
package dev.hindsight.ingest.source.rfo;

import org.jspecify.annotations.NullMarked;
