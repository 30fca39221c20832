package dev.workbench.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.common.Failure;
import org.junit.jupiter.api.Test;

class CommandTokenizerTest {

    @Test
    void splitsOnWhitespace() {
        assertThat(CommandTokenizer.split("  git   log\t--oneline \n -5 ")).containsExactly("git", "log", "--oneline", "-5");
    }

    @Test
    void singleQuotesAreLiteral() {
        assertThat(CommandTokenizer.split("git commit -m 'fix: a \"b\" $HOME `x` \\n'"))
                .containsExactly("git", "commit", "-m", "fix: a \"b\" $HOME `x` \\n");
    }

    @Test
    void doubleQuotesAllowEscapedQuotesAndBackslashes() {
        assertThat(CommandTokenizer.split("git commit -m \"say \\\"hi\\\" \\\\ now\""))
                .containsExactly("git", "commit", "-m", "say \"hi\" \\ now");
    }

    @Test
    void quotedPartsJoinTheirWord() {
        assertThat(CommandTokenizer.split("a'b c'd \"e f\"g")).containsExactly("ab cd", "e fg");
    }

    @Test
    void emptyQuotesMakeAnEmptyWord() {
        assertThat(CommandTokenizer.split("git commit -m ''")).containsExactly("git", "commit", "-m", "");
    }

    @Test
    void aBackslashEscapesTheNextCharacter() {
        assertThat(CommandTokenizer.split("echo a\\ b \\'c")).containsExactly("echo", "a b", "'c");
    }

    @Test
    void nothingIsExpanded() {
        assertThat(CommandTokenizer.split("echo $HOME ~ * $(id) `id`")).containsExactly("echo", "$HOME", "~", "*", "$(id)", "`id`");
    }

    @Test
    void unbalancedQuotesAreRefused() {
        assertThatThrownBy(() -> CommandTokenizer.split("git commit -m 'oops")).isInstanceOf(Failure.Invalid.class)
                .hasMessageContaining("single quote");
        assertThatThrownBy(() -> CommandTokenizer.split("git commit -m \"oops")).isInstanceOf(Failure.Invalid.class)
                .hasMessageContaining("double quote");
        assertThatThrownBy(() -> CommandTokenizer.split("echo \\")).isInstanceOf(Failure.Invalid.class);
    }

    @Test
    void anEmptyLineHasNoWords() {
        assertThat(CommandTokenizer.split("   ")).isEmpty();
    }
}
