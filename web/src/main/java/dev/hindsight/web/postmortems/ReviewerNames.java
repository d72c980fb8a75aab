package dev.hindsight.web.postmortems;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.web.security.Accounts;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Reviewers are people with accounts: a misspelt name is refused rather than waited on forever. */
@Component
class ReviewerNames {

    private final Accounts accounts;

    ReviewerNames(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The names given (comma- or space-separated entries allowed), each one an account. */
    List<String> known(List<String> given) {
        List<String> names = new ArrayList<>();
        for (String entry : given) {
            for (String name : entry.split("[,\\s]+")) {
                if (!name.isBlank() && !names.contains(name.strip())) {
                    names.add(name.strip());
                }
            }
        }
        List<String> unknown = names.stream().filter(n -> accounts.findUser(n).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("no user named " + String.join(", ", unknown)
                    + "; reviewers are people with an account");
        }
        if (names.size() > 20) {
            throw new InvalidInputException("name at most 20 reviewers");
        }
        return names;
    }
}
