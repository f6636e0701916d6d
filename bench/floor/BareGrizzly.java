import java.io.IOException;
import java.util.Arrays;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.portunif.PUFilter;
import org.glassfish.grizzly.portunif.PUProtocol;
import org.glassfish.grizzly.portunif.ProtocolFinder;

/**
 * The floor a Grizzly-level door can reach on Payara: a port unification filter, configured as
 * Gatecache's Grizzly door is (server-config/payara/preboot-grizzly-door.asadmin, this class's name
 * in place of the door's; its protocol finder from gatecache-payara), that puts a filter where the
 * door's goes, answering every GET with the
 * 2 KiB body and the fields of a Gatecache hit of the bench page, from memory, and doing nothing
 * else. Packaged by bench/run as a jar for Payara Micro's --addlibs.
 */
public class BareGrizzly extends PUFilter {

    private static final byte[] BODY = new byte[2048];

    static {
        Arrays.fill(BODY, (byte) 'x');
    }

    @Override
    public PUProtocol register(ProtocolFinder finder, FilterChain chain) {
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i) instanceof HttpServerFilter) {
                chain.add(i, new Responder());
                break;
            }
        }
        return super.register(finder, chain);
    }

    static final class Responder extends BaseFilter {
        @Override
        public NextAction handleRead(FilterChainContext ctx) throws IOException {
            HttpContent content = ctx.getMessage();
            HttpRequestPacket request = (HttpRequestPacket) content.getHttpHeader();
            if (!content.isLast() || request.getMethod() != Method.GET) {
                return ctx.getInvokeAction();
            }
            HttpResponsePacket response = request.getResponse();
            response.setStatus(200);
            response.setContentType("text/plain");
            response.addHeader("Cache-Control", "s-maxage=3600");
            response.addHeader("Age", "0");
            response.addHeader("X-Cache", "HIT");
            response.setContentLength(BODY.length);
            ctx.write(HttpContent.builder(response).content(Buffers.wrap(ctx.getMemoryManager(), BODY)).last(true).build());
            return ctx.getStopAction();
        }
    }
}
