import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import jakarta.servlet.ServletContext;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The floor an Undertow handler can reach on WildFly: a handler where Gatecache's Undertow door
 * goes (the deployment's initial handler chain), answering every GET with the 2 KiB body and the
 * fields of a Gatecache hit of the bench page, from memory, on the I/O thread, and doing nothing
 * else. Packaged by bench/run as a WAR of its own (found through
 * META-INF/services/io.undertow.servlet.ServletExtension).
 */
public class BareUndertow implements ServletExtension {

    private static final byte[] BODY = new byte[2048];

    static {
        Arrays.fill(BODY, (byte) 'x');
    }

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        deployment.addInitialHandlerChainWrapper(next -> new Responder(next));
    }

    static final class Responder implements HttpHandler {
        private static final HttpString X_CACHE = new HttpString("X-Cache");
        private final HttpHandler next;

        Responder(HttpHandler next) {
            this.next = next;
        }

        @Override
        public void handleRequest(HttpServerExchange x) throws Exception {
            if (!x.getRequestMethod().equalToString("GET")) {
                next.handleRequest(x);
                return;
            }
            x.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain")
                    .put(Headers.CACHE_CONTROL, "s-maxage=3600").put(Headers.AGE, "0").put(X_CACHE, "HIT")
                    .put(Headers.CONTENT_LENGTH, BODY.length);
            x.getResponseSender().send(ByteBuffer.wrap(BODY));
        }
    }
}
