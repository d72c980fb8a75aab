package dev.hindsight.web.security;

import dev.hindsight.core.store.DataRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page: the password form (unless turned off) and the identity provider's button (when one is set); on a
 * first start it says where the initial admin password was written.
 */
@Controller
class LoginPage {

    private final Path firstRunFile;
    private final SsoProperties sso;

    LoginPage(DataRoot data, SsoProperties sso) {
        this.firstRunFile = data.resolve(FirstRunAdmin.PASSWORD_FILE);
        this.sso = sso;
    }

    @GetMapping("/login")
    String login(Model model, HttpSession session) {
        model.addAttribute("firstRunFile", Files.exists(firstRunFile) ? firstRunFile.toString() : null);
        model.addAttribute("localLogin", sso.localLoginOn());
        model.addAttribute("sso", sso.enabled() ? sso.name() : null);
        // why the provider's sign-in was refused (a disabled account, no role for the user's groups), said plainly
        Object refused = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        model.addAttribute("ssoError", refused instanceof OAuth2AuthenticationException e
                ? e.getError().getDescription() != null ? e.getError().getDescription() : e.getError().getErrorCode()
                : "the identity provider did not sign you in");
        return "login";
    }
}
