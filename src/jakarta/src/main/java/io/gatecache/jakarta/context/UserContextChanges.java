package io.gatecache.jakarta.context;

import io.gatecache.api.UserContextChanged;
import io.gatecache.jakarta.servlet.GatecacheRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.logging.Logger;

/**
 * Forgets a user's context hashes, on every node, when the application fires
 * {@link UserContextChanged}: once its transaction commits (at once without one), so a hash worked
 * out again sees the change.
 */
@ApplicationScoped
public class UserContextChanges {

    private static final Logger LOG = Logger.getLogger(UserContextChanges.class.getName());

    @Inject
    ServletContext context;

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserContextChanged change) {
        GatecacheRuntime runtime = GatecacheRuntime.of(context);
        if (runtime == null) {
            LOG.warning(() -> "Gatecache is not running in this application: " + change.user()
                    + "'s user context hashes are not forgotten");
            return;
        }
        runtime.engine().purger().forgetUserContext(change.user());
        LOG.fine(() -> "Gatecache: the user context hashes of " + change.user() + " forgotten");
    }
}
