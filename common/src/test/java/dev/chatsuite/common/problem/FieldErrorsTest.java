package dev.chatsuite.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

class FieldErrorsTest {

    record Form(
            @NotBlank(message = "Email is required.") @Email(message = "Email is not a valid address.") @Size(max = 20, message = "Email is too long.") String email,
            @NotBlank(message = "Name is required.") @Pattern(regexp = "[a-z]{3,}", message = "Name is malformed.") String name) {
    }

    private final Validator validator = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    @Test
    void shouldKeepOneEntryPerFieldTheMostBasicRuleFirst() {
        List<FieldError> errors = FieldErrors.of(validator.validate(new Form("x".repeat(30) + "@@b", "")), p -> p.toString());
        assertThat(errors).containsExactly(
                new FieldError("email", "Email is too long."),
                new FieldError("name", "Name is required."));
    }

    @Test
    void shouldKeepTheFormatRuleWhenItIsTheOnlyOneBroken() {
        assertThat(FieldErrors.of(validator.validate(new Form("a@@b", "abc")), p -> p.toString()))
                .containsExactly(new FieldError("email", "Email is not a valid address."));
    }

    @Test
    void shouldKeepTheFirstOfSeveralErrorsOfAFieldInTheOrderGiven() {
        List<FieldError> errors = FieldErrors.firstPerField(List.of(new FieldError("password", "Too short."),
                new FieldError("email", "Taken."), new FieldError("password", "Breached.")));
        assertThat(errors).containsExactly(new FieldError("password", "Too short."), new FieldError("email", "Taken."));
        assertThat(new ProblemException(400, "validation", "x", List.of(new FieldError("a", "1"), new FieldError("a", "2"))).errors())
                .containsExactly(new FieldError("a", "1"));
    }
}
