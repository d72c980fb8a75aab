package dev.hindsight.web.security;

import dev.hindsight.core.store.DataRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; on a first start it says where the initial admin password was written. */
@Controller
class LoginPage {

    private final Path firstRunFile;

    LoginPage(DataRoot data) {
        this.firstRunFile = data.resolve(FirstRunAdmin.PASSWORD_FILE);
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("firstRunFile", Files.exists(firstRunFile) ? firstRunFile.toString() : null);
        return "login";
    }
}
