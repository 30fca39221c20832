package dev.workbench.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.common.AppConfig;
import dev.workbench.common.StartupRefusal;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * The one {@link Store}: PostgreSQL when {@code DATABASE_URL} is set, the embedded files otherwise.
 * Made at startup, so a malformed URL or an unreadable data folder stops the process with its
 * reason; closed (flushed) after everything else, when the container shuts down.
 */
@Singleton
public class StoreProducer {

    private static final Logger LOG = Logger.getLogger(StoreProducer.class);

    @Produces
    @Singleton
    Store store(StoreConfig config, AppConfig app, dev.workbench.auth.AuthConfig auth, ObjectMapper json,
            Instance<AgroalDataSource> datasource) {
        if (config.databaseUrl().filter(url -> !url.isBlank()).isPresent()) {
            DatabaseUrl url;
            try {
                url = DatabaseUrl.parse(config.databaseUrl().get());
            } catch (IllegalArgumentException e) {
                StartupRefusal.refuse(e.getMessage());
                throw e;
            }
            LOG.infof("PostgreSQL store at %s", url);
            PostgresStore store = new PostgresStore(datasource.get(), json);
            store.settleAbandoned();
            return store;
        }
        try {
            return new EmbeddedStore(config.dataDir(), app.auditLog(), json, auth.loginFailureWindow());
        } catch (IOException | RuntimeException e) {
            StartupRefusal.refuse("The embedded store in DATA_DIR=" + config.dataDir().toAbsolutePath() + " cannot be opened ("
                    + e.getMessage() + "); make it a writable folder, or set DATABASE_URL");
            throw new IllegalStateException(e);
        }
    }

    void close(@Disposes Store store) {
        store.close();
    }

    void open(@Observes StartupEvent event, Store store) {
        LOG.debugf("Store: %s", store.kind());
    }
}
