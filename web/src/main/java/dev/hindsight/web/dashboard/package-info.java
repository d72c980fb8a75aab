/** The management dashboard and its spreadsheet. */
@NullMarked
package dev.hindsight.web.dashboard;

import org.jspecify.annotations.NullMarked;
