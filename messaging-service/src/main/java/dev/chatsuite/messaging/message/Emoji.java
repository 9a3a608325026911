package dev.chatsuite.messaging.message;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.text.UnicodeSet;

/**
 * Whether a string is exactly one emoji: one extended grapheme cluster (ICU's rules, which keep
 * ZWJ sequences, flags and skin tones whole) that is an RGI emoji, the text form of one (❤
 * without U+FE0F), or a sequence of emoji characters starting with a pictograph (newer or
 * unqualified sequences). Text, two emoji, or a pictograph with other marks stacked on is not.
 */
public final class Emoji {

    /** Longer than any emoji sequence (the longest are about a dozen code points). */
    static final int MAX_CODE_POINTS = 32;
    private static final UnicodeSet RGI = new UnicodeSet("[\\p{RGI_Emoji}]").freeze();

    private Emoji() {
    }

    public static boolean isOne(String text) {
        if (text == null || text.isEmpty() || text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            return false;
        }
        BreakIterator graphemes = BreakIterator.getCharacterInstance();
        graphemes.setText(text);
        if (graphemes.next() != text.length()) {
            return false;
        }
        if (RGI.contains(text) || RGI.contains(text + "\uFE0F")) {
            return true;
        }
        if (!UCharacter.hasBinaryProperty(text.codePointAt(0), UProperty.EXTENDED_PICTOGRAPHIC)) {
            return false;
        }
        return text.codePoints().allMatch(cp -> UCharacter.hasBinaryProperty(cp, UProperty.EXTENDED_PICTOGRAPHIC)
                || UCharacter.hasBinaryProperty(cp, UProperty.EMOJI_COMPONENT));
    }
}
