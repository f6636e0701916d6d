package io.gatecache.example;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * The site's Jakarta Authentication mechanism, asked for every request:
 * <ul>
 * <li>an {@code Authorization: Basic} header authenticates its request alone (no session); wrong
 * credentials are answered 401 with {@code WWW-Authenticate: Basic realm="site"};</li>
 * <li>otherwise a session holding a logged-in user ({@link LoginResource}) authenticates the
 * request, with the user's roles as {@link SiteUsers} has them now, read again for every request
 * (the container's session keeps no roles), so a role given or taken shows on the next request;</li>
 * <li>otherwise the request stays anonymous.</li>
 * </ul>
 */
@ApplicationScoped
public class SiteAuthentication implements HttpAuthenticationMechanism {

    /** The session attribute naming the logged-in user. */
    static final String USER = "io.gatecache.example.user";

    static final String CHALLENGE = "Basic realm=\"site\"";

    @Inject
    SiteUsers users;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] credentials = basic(authorization.substring(6).strip());
            if (credentials != null && users.valid(credentials[0], credentials[1])) {
                return context.notifyContainerAboutLogin(credentials[0], users.roles(credentials[0]));
            }
            response.setHeader("WWW-Authenticate", CHALLENGE);
            response.setHeader("Cache-Control", "no-store");
            return context.responseUnauthorized();
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(USER) instanceof String name) {
            Set<String> roles = users.roles(name);
            if (roles != null) {
                return context.notifyContainerAboutLogin(name, roles);
            }
        }
        return context.doNothing();
    }

    /** The name and password of a Basic credential, or null when it is not one. */
    private static String[] basic(String token) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
