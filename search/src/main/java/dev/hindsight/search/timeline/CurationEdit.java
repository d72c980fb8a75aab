package dev.hindsight.search.timeline;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.timeline.Timeline.MomentKind;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One edit of an entry. A null value undoes that kind of edit (unpin, unhide, remove the note...). */
public sealed interface CurationEdit {

    int MAX_NOTE = 4000;

    /** The name stored in the change history. */
    String action();

    /** What the history shows beside the action. */
    @Nullable
    String detail();

    EntryCuration applyTo(EntryCuration c);

    record Pin(boolean pinned) implements CurationEdit {
        public String action() {
            return pinned ? "PIN" : "UNPIN";
        }
        public @Nullable String detail() {
            return null;
        }
        public EntryCuration applyTo(EntryCuration c) {
            return new EntryCuration(c.entryId(), pinned, c.hidden(), c.note(), c.retimedAt(), c.storyline(),
                    c.moment(), c.updatedBy(), c.updatedAt());
        }
    }

    record Hide(boolean hidden) implements CurationEdit {
        public String action() {
            return hidden ? "HIDE" : "UNHIDE";
        }
        public @Nullable String detail() {
            return null;
        }
        public EntryCuration applyTo(EntryCuration c) {
            return new EntryCuration(c.entryId(), c.pinned(), hidden, c.note(), c.retimedAt(), c.storyline(),
                    c.moment(), c.updatedBy(), c.updatedAt());
        }
    }

    record Annotate(@Nullable String note) implements CurationEdit {
        public Annotate {
            if (note != null && note.length() > MAX_NOTE) {
                throw new InvalidInputException(
                        "a note holds at most " + MAX_NOTE + " characters, this one has " + note.length());
            }
            note = note == null || note.isBlank() ? null : note.strip();
        }
        public String action() {
            return "ANNOTATE";
        }
        public @Nullable String detail() {
            return note;
        }
        public EntryCuration applyTo(EntryCuration c) {
            return new EntryCuration(c.entryId(), c.pinned(), c.hidden(), note, c.retimedAt(), c.storyline(),
                    c.moment(), c.updatedBy(), c.updatedAt());
        }
    }

    record Retime(@Nullable Instant at) implements CurationEdit {
        public String action() {
            return "RETIME";
        }
        public @Nullable String detail() {
            return at == null ? null : at.toString();
        }
        public EntryCuration applyTo(EntryCuration c) {
            return new EntryCuration(c.entryId(), c.pinned(), c.hidden(), c.note(), at, c.storyline(), c.moment(),
                    c.updatedBy(), c.updatedAt());
        }
    }

    record Move(@Nullable String storyline) implements CurationEdit {
        public Move {
            if (storyline != null && (storyline.isBlank() || storyline.length() > 200)) {
                throw new InvalidInputException("a storyline name has 1 to 200 characters");
            }
        }
        public String action() {
            return "MOVE";
        }
        public @Nullable String detail() {
            return storyline;
        }
        public EntryCuration applyTo(EntryCuration c) {
            return new EntryCuration(c.entryId(), c.pinned(), c.hidden(), c.note(), c.retimedAt(), storyline,
                    c.moment(), c.updatedBy(), c.updatedAt());
        }
    }

    record Mark(@Nullable MomentKind moment) implements CurationEdit {
        public String action() {
            return "MARK";
        }
        public @Nullable String detail() {
            return moment == null ? null : moment.name();
        }
        public EntryCuration applyTo(EntryCuration c) {
            return new EntryCuration(c.entryId(), c.pinned(), c.hidden(), c.note(), c.retimedAt(), c.storyline(),
                    moment, c.updatedBy(), c.updatedAt());
        }
    }
}
