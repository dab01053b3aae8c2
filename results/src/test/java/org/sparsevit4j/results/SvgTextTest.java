package org.sparsevit4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.sparsevit4j.results.RunReportTest.count;

import org.junit.jupiter.api.Test;

class SvgTextTest {

    private static final String DOCUMENT = """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
            <svg xmlns:xlink="http://www.w3.org/1999/xlink" height="400px" version="1.1" width="600px" xmlns="http://www.w3.org/2000/svg">
              <defs><clipPath id="clip865179944"><rect height="322.84375" width="453.7" x="-0.04" y="30.59375"/></clipPath>
              <clipPath id="clip12"/></defs>
              <g clip-path="url(#clip865179944)"/><g clip-path="url(#clip12)"/><g clip-path="url(#clip865179944)"/>
            </svg>
            """;

    @Test
    void idsAreNumberedInDocumentOrderAndReferencesFollow() {
        String svg = SvgText.withStableIds(DOCUMENT, "pareto-macs");
        assertEquals(1, count(svg, "id=\"pareto-macs-1\""));
        assertEquals(1, count(svg, "id=\"pareto-macs-2\""));
        assertEquals(2, count(svg, "url(#pareto-macs-1)"));
        assertEquals(1, count(svg, "url(#pareto-macs-2)"));
        assertEquals(0, count(svg, "clip865179944"));
    }

    @Test
    void numbersAreRoundedToATenthAndShortOnesKept() {
        String svg = SvgText.withShortNumbers(DOCUMENT);
        assertEquals(1, count(svg, "height=\"322.8\""));
        assertEquals(1, count(svg, "y=\"30.6\""));
        assertEquals(1, count(svg, "x=\"-0.0\""));
        assertEquals(1, count(svg, "width=\"453.7\""));
        assertEquals(1, count(svg, "version=\"1.1\""));
    }

    @Test
    void inlineKeepsTheSvgElementWithoutPrologDoctypeOrNamespaces() {
        String inline = SvgText.inline(DOCUMENT, "a <chart> & more");
        assertEquals(true, inline.startsWith("<svg height=\"400px\" version=\"1.1\" width=\"600px\" role=\"img\">"
                + "<title>a &lt;chart&gt; &amp; more</title>"), inline);
        assertEquals(0, count(inline, "http"));
        assertEquals(true, inline.strip().endsWith("</svg>"));
        assertThrows(IllegalArgumentException.class, () -> SvgText.inline("<html></html>", "x"));
    }

    @Test
    void htmlEscapesEveryMarkupCharacter() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;it&#39;s &amp;&lt;/a&gt;", Html.escape("<a href=\"x\">it's &</a>"));
    }
}
