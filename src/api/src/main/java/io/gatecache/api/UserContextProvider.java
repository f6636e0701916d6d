package io.gatecache.api;

/**
 * Adds to a user's context: implement it as a CDI bean, and every bean is asked, in no defined
 * order, when a user's context hash is worked out. That happens once per session (or per
 * credentials, for a request without a session) per {@code gatecache.user-context.ttl}, before
 * the application sees the request; the request's CDI scope is active. Anonymous requests without
 * a session share one hash and never reach a provider.
 *
 * <pre>
 * &#64;ApplicationScoped
 * public class SubscriptionContext implements UserContextProvider {
 *     &#64;Inject Subscriptions subscriptions;
 *
 *     public void contribute(UserContext context) {
 *         context.add("subscription", subscriptions.level(context.principal()));
 *     }
 * }
 * </pre>
 *
 * The cache's own provider adds the roles the user has among those the application declares
 * ({@code @DeclareRoles}, {@code web.xml} security roles, {@code gatecache.user-context.roles}).
 */
public interface UserContextProvider {

    /** Adds this provider's pairs for the request's user. */
    void contribute(UserContext context);
}
