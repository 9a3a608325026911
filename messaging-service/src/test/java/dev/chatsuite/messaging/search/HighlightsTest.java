package dev.chatsuite.messaging.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HighlightsTest {

    @Test
    void shouldEscapeEverythingAndTurnOnlyTheSentinelsIntoMarks() {
        String headline = "<img src=x onerror=\"alert('1')\"> & " + Highlights.START + "word" + Highlights.STOP + " </mark>";
        assertThat(Highlights.toHtml(headline))
                .isEqualTo("&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; <mark>word</mark> &lt;/mark&gt;");
    }

    @Test
    void shouldBalanceStrayOrUnclosedSentinels() {
        assertThat(Highlights.toHtml(Highlights.STOP + "a" + Highlights.START + Highlights.START + "b")).isEqualTo("a<mark>b</mark>");
        assertThat(Highlights.toHtml(null)).isEmpty();
    }
}
