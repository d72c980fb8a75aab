package dev.hindsight.web.ingest;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.search.internal.index.LuceneIndex;
import dev.hindsight.search.internal.store.DiskWatermark;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import dev.hindsight.web.support.TestDataDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * With less free disk than the watermark, ingest is refused with a 503 that names the reason (senders retry), search
 * keeps answering, and ingest takes deliveries again as soon as there is room, with no restart.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DiskWatermarkTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    DiskWatermark disk;

    @Autowired
    LuceneIndex index;

    long configured;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-disk-");
    }

    @AfterEach
    void restore() {
        if (configured > 0) {
            disk.setMinFreeBytes(configured);
        }
    }

    @Test
    void ingestIsRefusedBelowTheWatermarkWhileSearchWorksAndResumesWhenThereIsRoom() throws Exception {
        String token = accounts.createToken("disk", Role.RESPONDER);
        deliver(token, "before the disk filled").andExpect(status().isOk());

        configured = disk.minFreeBytes();
        disk.setMinFreeBytes(disk.freeBytes() + (1L << 40)); // the disk now has a terabyte less than the watermark asks
        deliver(token, "while the disk is full")
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.detail", containsString("below the")))
                .andExpect(jsonPath("$.detail", containsString("hindsight.ingest.min-free-disk")));
        index.refresh();
        mvc.perform(get("/api/search").param("q", "disk").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1));

        disk.setMinFreeBytes(configured); // space freed
        deliver(token, "after the disk was freed").andExpect(status().isOk());
        index.refresh();
        mvc.perform(get("/api/search").param("q", "disk").header("Authorization", "Bearer " + token))
                .andExpect(jsonPath("$.total").value(2));
    }

    private org.springframework.test.web.servlet.ResultActions deliver(String token, String title) throws Exception {
        return mvc.perform(post("/hooks/generic").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("[{\"at\":\"2024-03-01T10:00:00Z\",\"title\":\"" + title + "\",\"host\":\"disk1\"}]"));
    }
}
