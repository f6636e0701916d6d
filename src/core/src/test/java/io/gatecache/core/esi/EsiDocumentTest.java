package io.gatecache.core.esi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ESI markup, well and badly formed: what is sent as it is, what is included. */
class EsiDocumentTest {

    /** The page as text with each include written {src|alt|continue}. */
    private static String render(String page) {
        StringBuilder b = new StringBuilder();
        for (EsiDocument.Part p : EsiDocument.parse(page.getBytes(StandardCharsets.UTF_8)).parts()) {
            if (p instanceof EsiDocument.Text t) {
                b.append(new String(t.bytes(), StandardCharsets.UTF_8));
            } else {
                EsiDocument.Include i = (EsiDocument.Include) p;
                b.append('{').append(i.src()).append('|').append(i.alt()).append('|').append(i.continueOnError())
                        .append('}');
            }
        }
        return b.toString();
    }

    @Test
    void includesAreFoundWithTheirAttributes() {
        assertEquals("a{/f|null|false}b", render("a<esi:include src=\"/f\"/>b"));
        assertEquals("{/f?x=1&y=2|/alt|true}", render("<esi:include src='/f?x=1&amp;y=2' alt=/alt onerror=\"continue\" />"));
        assertEquals("{/f|null|false}", render("<ESI:INCLUDE SRC=\"/f\"></esi:include>"));
    }

    @Test
    void removeAndCommentAreTakenOut() {
        assertEquals("ab", render("a<esi:remove><a href=\"/f\">link</a></esi:remove>b"));
        assertEquals("ab", render("a<esi:comment text=\"note\"/>b"));
    }

    @Test
    void anEsiCommentsWrapperGoesAndItsContentIsParsed() {
        assertEquals("a <p>{/f|null|false}</p>b", render("a<!--esi <p><esi:include src=\"/f\"/></p>-->b"));
    }

    @Test
    void otherMarkupIsUntouched() {
        String html = "<html><!-- a comment --><p class=\"x\">1 < 2 > 0</p><esix:foo/></html>";
        assertEquals(html, render(html));
    }

    @Test
    void badMarkupHasDefinedResults() {
        assertEquals("ab", render("a<esi:include alt=\"/x\"/>b"), "an include without src is dropped");
        assertEquals("ab<p>kept</p>", render("ab<esi:remove><p>kept</p>"), "an unclosed remove removes nothing");
        assertEquals("a {/f|null|false}", render("a<!--esi <esi:include src=/f />"), "an unclosed esi comment");
        assertEquals("a<esi:include src=\"/f\" b", render("a<esi:include src=\"/f\" b"), "a tag never closed is text");
        assertEquals("a<esi:include src=\"/f<b>", render("a<esi:include src=\"/f<b>"), "a tag cut by another");
        assertEquals("a-content-b", render("a<esi:choose>-content-</esi:choose>b"), "unknown elements: tags go");
        assertEquals("a{/f|null|false}b", render("a<esi:include src=\"/f\">  </esi:include>b"));
    }

    @Test
    void bytesOutsideTheMarkupPassUnchangedWhateverTheirCharset() {
        byte[] latin1 = "caf\u00e9 <esi:include src=/f/> na\u00efve".getBytes(StandardCharsets.ISO_8859_1);
        List<EsiDocument.Part> parts = EsiDocument.parse(latin1).parts();
        assertEquals("caf\u00e9 ", new String(((EsiDocument.Text) parts.get(0)).bytes(), StandardCharsets.ISO_8859_1));
        String utf8 = "\u00e9\u4e2d <esi:include src=/f/>";
        assertTrue(render(utf8).startsWith("\u00e9\u4e2d "));
    }

    @Test
    void hugeAndHostilePagesAreParsedInLinearTime() {
        StringBuilder hostile = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            hostile.append("<esi:remove><!--esi <esi:include src='x <esi:foo \"");
        }
        byte[] page = hostile.toString().getBytes(StandardCharsets.ISO_8859_1);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> EsiDocument.parse(page));
        byte[] big = ("<p>" + "x".repeat(20_000_000) + "</p><esi:include src=/f/>").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(1, assertTimeoutPreemptively(Duration.ofSeconds(5), () -> EsiDocument.parse(big)).includes().size());
    }
}
