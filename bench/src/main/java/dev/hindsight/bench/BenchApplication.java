package dev.hindsight.bench;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The product's store, ingest and reporting without the web layer: what the benchmarks drive. */
@SpringBootApplication(scanBasePackages = {"dev.hindsight.search", "dev.hindsight.ingest", "dev.hindsight.reporting"})
@AutoConfigurationPackage(basePackages = "dev.hindsight.search") // its JPA entities and repositories
class BenchApplication {}
