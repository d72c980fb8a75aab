package dev.hindsight.search.incident;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface IncidentRepository extends JpaRepository<Incident, String> {

    @Query("select i from Incident i order by i.from desc, i.key")
    List<Incident> findAllNewestFirst();

    @Query("select i from Incident i where i.restricted = true")
    List<Incident> findRestricted();
}
