/** Administration: users, tokens, backups and restores, the audit log, reindex and check. */
@NullMarked
package dev.hindsight.web.admin;

import org.jspecify.annotations.NullMarked;
