package dev.hindsight.search.internal.cluster;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Has the PostgreSQL driver send a batch of inserts as multi-row statements ({@code reWriteBatchedInserts}): each
 * append's event rows then cost a few round trips instead of one per row. Applied to the pool before it starts, so
 * it holds however the database URL was given (a profile, a property, the local cluster), and left alone when the
 * URL or the pool already says otherwise. Other databases' drivers would refuse the property, so they never see it.
 */
public final class PostgresBatchInserts implements BeanPostProcessor {

    static final String PROPERTY = "reWriteBatchedInserts";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:")
                && !pool.getJdbcUrl().contains(PROPERTY)
                && !pool.getDataSourceProperties().containsKey(PROPERTY)) {
            pool.addDataSourceProperty(PROPERTY, "true");
        }
        return bean;
    }
}
