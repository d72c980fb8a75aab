/** The command-line contract: one picocli command per verb, each on a Spring context without a web server. */
@NullMarked
package dev.hindsight.web.cli;

import org.jspecify.annotations.NullMarked;
