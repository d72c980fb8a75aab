package dev.hindsight.search;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The store alone, for its tests: data source, migrations, index, search, incidents. */
@SpringBootApplication
public class SearchTestApplication {}
