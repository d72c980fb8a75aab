package dev.hindsight.ingest.source.rfo;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * An HTML notice as a reader sees it: each block on its own line, each table row on one line with its cells apart
 * ({@code Start | 2021-08-13 18:00:00 GMT}), whitespace as the browser collapses it. Carriers state their windows in
 * tables; a label and its value must stay together, and two cells must not run into one word.
 */
final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2",
            "h3", "h4", "h5", "h6", "pre", "blockquote", "hr", "section", "article", "header", "footer");

    private HtmlText() {}

    static String of(String html) {
        StringBuilder out = new StringBuilder();
        Jsoup.parse(html).body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    String collapsed = text.getWholeText().replace('\u00A0', ' ').replaceAll("\\s+", " ");
                    if (!collapsed.isBlank() || !out.isEmpty() && out.charAt(out.length() - 1) != ' '
                            && out.charAt(out.length() - 1) != '\n') {
                        out.append(collapsed);
                    }
                } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    newline(out);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    if (e.normalName().equals("td") || e.normalName().equals("th")) {
                        out.append(" | ");
                    } else if (BLOCKS.contains(e.normalName())) {
                        newline(out);
                    }
                }
            }
        });
        return out.toString().lines().map(l -> l.strip().replaceAll("^\\|\\s*|\\s*\\|$", "").strip())
                .filter(l -> !l.isEmpty()).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static void newline(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }
}
