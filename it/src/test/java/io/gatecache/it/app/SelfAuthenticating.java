package io.gatecache.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/**
 * An application that authenticates requests itself, with a Jakarta Security mechanism (HTTP
 * Basic) and an identity store that knows nobody, and no security constraint.
 */
@BasicAuthenticationMechanismDefinition(realmName = "gatecache")
@ApplicationScoped
public class SelfAuthenticating implements IdentityStore {

    @Override
    public CredentialValidationResult validate(Credential credential) {
        return CredentialValidationResult.INVALID_RESULT;
    }
}
