package dev.hindsight.web.ingest;

import dev.hindsight.web.support.TestDataDirectory;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.core.store.StoreUnavailableException;
import dev.hindsight.ingest.webhooks.Webhooks;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** When the store cannot commit, senders get 503 with Retry-After, never a 2xx for something not stored. */
@SpringBootTest
@AutoConfigureMockMvc
class HooksStoreUnavailableTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @MockitoBean
    Webhooks intake;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-hooks-503-");
    }

    @Test
    void storeUnavailableIsA503WithRetryAfter() throws Exception {
        given(intake.receive(any(), any(), any(), any(), any()))
                .willThrow(new StoreUnavailableException("database down"));
        String token = accounts.createToken("am", Role.RESPONDER);

        mvc.perform(post("/hooks/alertmanager").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "30"));
    }
}
