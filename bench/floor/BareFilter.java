import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;

/**
 * The floor a servlet filter can reach on a server: every request answered with the 2 KiB body
 * and the fields of a Gatecache hit of the bench page, from memory, by a filter that does nothing
 * else. Packaged by bench/run as a WAR of its own, without CDI unless the run says so.
 */
@WebFilter("/*")
public class BareFilter implements Filter {

    private static final byte[] BODY = new byte[2048];

    static {
        Arrays.fill(BODY, (byte) 'x');
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException {
        HttpServletResponse res = (HttpServletResponse) response;
        res.setContentType("text/plain");
        res.setHeader("Cache-Control", "s-maxage=3600");
        res.setHeader("Age", "0");
        res.setHeader("X-Cache", "HIT");
        res.setContentLength(BODY.length);
        res.getOutputStream().write(BODY);
    }
}
