package dev.hindsight.web.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password hashing, needed by the server and by {@code user add} alike. */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

    /** bcrypt, in the delegating format ({@code {bcrypt}...}) so the algorithm can be upgraded later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
