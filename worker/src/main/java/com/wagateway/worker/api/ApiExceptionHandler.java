package com.wagateway.worker.api;

import com.wagateway.worker.command.CommandRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every failure inside Spring MVC becomes {@code {"success":false,"error":"…"}} with a message the caller can act
 * on, and one log line with {@code sessionId} where known. Bodies and tokens are never logged.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Envelope<Void>> api(ApiException e, HttpServletRequest request) {
        String sessionId = e.sessionId() != null ? e.sessionId() : RequestPaths.sessionIdForLog(request);
        return respond(e.status(), e.getMessage(), request, sessionId);
    }

    @ExceptionHandler(CommandRejectedException.class)
    ResponseEntity<Envelope<Void>> rejected(CommandRejectedException e, HttpServletRequest request) {
        // CommandSubmitter already logged it with the session and command id.
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Envelope.failure("Command bus unavailable: the request was not accepted, retry later"));
    }

    /** The history database is down or refusing: the read is refused, not answered from nothing. */
    @ExceptionHandler(com.wagateway.worker.history.HistoryStoreException.class)
    ResponseEntity<Envelope<Void>> historyUnavailable(com.wagateway.worker.history.HistoryStoreException e,
                                                      HttpServletRequest request) {
        log.warn("api.error status=503 method={} path=\"{}\" sessionId={} error=\"{}\"", request.getMethod(),
                RequestPaths.pathForLog(request), RequestPaths.sessionIdForLog(request), e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Envelope.failure("Message history unavailable, retry later"));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Envelope<Void>> invalidBody(MethodArgumentNotValidException e, HttpServletRequest request) {
        // One message per field, fields sorted, so the answer is stable and names every field to fix at once.
        // A missing value is reported as missing, not also as "wrong format".
        Map<String, List<FieldError>> byField = e.getBindingResult().getFieldErrors().stream()
                .collect(Collectors.groupingBy(FieldError::getField, TreeMap::new, Collectors.toList()));
        String message = byField.values().stream().map(ApiExceptionHandler::mostRelevant)
                .collect(Collectors.joining("; "));
        return respond(HttpStatus.BAD_REQUEST, message.isEmpty() ? "Invalid request body" : message, request,
                validSessionIdFrom(e));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Envelope<Void>> invalidArguments(HandlerMethodValidationException e, HttpServletRequest request) {
        String message = e.getAllErrors().stream().map(error -> error.getDefaultMessage())
                .collect(Collectors.joining("; "));
        return respond(HttpStatus.BAD_REQUEST, message, request, null);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Envelope<Void>> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        PayloadTooLargeException tooLarge = find(e, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return respond(HttpStatus.CONTENT_TOO_LARGE, PayloadTooLargeException.message(tooLarge.limit()), request,
                    null);
        }
        return respond(HttpStatus.BAD_REQUEST, unreadableMessage(e), request, null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Envelope<Void>> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        Class<?> type = e.getRequiredType();
        String expected = type == int.class || type == Integer.class || type == long.class ? "an integer"
                : "a " + (type == null ? "valid value" : type.getSimpleName());
        return respond(HttpStatus.BAD_REQUEST, e.getName() + " must be " + expected, request, null);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Envelope<Void>> missingParameter(MissingServletRequestParameterException e,
                                                    HttpServletRequest request) {
        return respond(HttpStatus.BAD_REQUEST, e.getParameterName() + " is required", request, null);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Envelope<Void>> unsupportedMediaType(HttpMediaTypeNotSupportedException e,
                                                        HttpServletRequest request) {
        return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json", request, null);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Envelope<Void>> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return respond(HttpStatus.NOT_ACCEPTABLE, "This API answers application/json only", request, null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Envelope<Void>> methodNotAllowed(HttpRequestMethodNotSupportedException e,
                                                    HttpServletRequest request) {
        Set<String> allowed = e.getSupportedHttpMethods() == null ? Set.of()
                : e.getSupportedHttpMethods().stream().map(Object::toString).collect(Collectors.toSet());
        String allowList = allowed.stream().sorted().collect(Collectors.joining(", "));
        log.info("api.error status=405 method={} path=\"{}\" sessionId={}", request.getMethod(),
                RequestPaths.pathForLog(request), RequestPaths.sessionIdForLog(request));
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, allowList)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Envelope.failure("Method " + request.getMethod() + " is not allowed here; allowed: "
                        + allowList));
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<Envelope<Void>> noRoute(Exception e, HttpServletRequest request) {
        return respond(HttpStatus.NOT_FOUND, "No such route: " + request.getMethod() + " "
                + RequestPaths.pathForLog(request) + " (see docs/api.md or /v3/api-docs)", request, null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Envelope<Void>> unexpected(Exception e, HttpServletRequest request) {
        // Any other client error Spring MVC classifies itself (a missing header, a bad binding…) keeps its status.
        if (e instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.valueOf(known.getStatusCode().value());
            String detail = known.getBody().getDetail();
            return respond(status, detail == null ? status.getReasonPhrase() : detail, request, null);
        }
        log.error("api.error status=500 method={} path=\"{}\" sessionId={}", request.getMethod(),
                RequestPaths.pathForLog(request), RequestPaths.sessionIdForLog(request), e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
                .body(Envelope.failure("Internal error"));
    }

    private static ResponseEntity<Envelope<Void>> respond(HttpStatus status, String message,
                                                          HttpServletRequest request, String sessionId) {
        String id = sessionId != null ? sessionId : RequestPaths.sessionIdForLog(request);
        log.info("api.error status={} method={} path=\"{}\" sessionId={} error=\"{}\"", status.value(),
                request.getMethod(), RequestPaths.pathForLog(request), id, message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Envelope.failure(message));
    }

    /** Jackson's own messages quote the input; ours name the field and the expected type instead. */
    static String unreadableMessage(HttpMessageNotReadableException e) {
        MismatchedInputException mismatch = find(e, MismatchedInputException.class);
        if (mismatch != null) {
            String field = fieldPath(mismatch);
            if (field.isEmpty()) {
                return "Request body must be a JSON object";
            }
            return "field '" + field + "' must be " + describe(mismatch.getTargetType());
        }
        StreamReadException malformed = find(e, StreamReadException.class);
        if (malformed != null) {
            var location = malformed.getLocation();
            return location == null || location.getLineNr() < 0 ? "Malformed JSON in request body"
                    : "Malformed JSON in request body at line " + location.getLineNr() + ", column "
                    + location.getColumnNr();
        }
        JacksonException other = find(e, JacksonException.class);
        if (other != null && !fieldPath(other).isEmpty()) {
            return "field '" + fieldPath(other) + "' is invalid";
        }
        return e.getCause() == null ? "Request body is required (a JSON object)" : "Unreadable request body";
    }

    private static String fieldPath(JacksonException e) {
        List<JacksonException.Reference> path = e.getPath();
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of a different type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a JSON object";
        }
        return "of type " + type.getSimpleName();
    }

    private static String mostRelevant(List<FieldError> errors) {
        return errors.stream()
                .min(Comparator.comparing((FieldError error) -> !"NotBlank".equals(error.getCode()))
                        .thenComparing(error -> String.valueOf(error.getDefaultMessage())))
                .map(FieldError::getDefaultMessage).orElse("invalid");
    }

    private static String validSessionIdFrom(MethodArgumentNotValidException e) {
        Object target = e.getBindingResult().getTarget();
        return target instanceof CreateSessionRequest create && SessionIds.valid(create.sessionId())
                ? create.sessionId() : null;
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
