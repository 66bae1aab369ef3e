package com.wagateway.worker.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's whitelabel page and error JSON for errors that never reached a controller (a filter threw, the
 * container sent an error): the caller still gets the envelope. Called directly, {@code /error} is just a 404.
 */
@RestController
@Hidden
class EnvelopeErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeErrorController.class);

    @RequestMapping(path = "${server.error.path:${error.path:/error}}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Envelope<Void>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable cause = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        PayloadTooLargeException tooLarge = ApiExceptionHandler.find(cause, PayloadTooLargeException.class);
        HttpStatus status;
        String message;
        if (tooLarge != null) {
            status = HttpStatus.CONTENT_TOO_LARGE;
            message = PayloadTooLargeException.message(tooLarge.limit());
        } else if (code instanceof Integer value && HttpStatus.resolve(value) != null) {
            status = HttpStatus.resolve(value);
            message = status.is5xxServerError() ? "Internal error" : status.getReasonPhrase();
        } else {
            status = HttpStatus.NOT_FOUND;
            message = "No such route: " + request.getMethod() + " /error";
        }
        String uri = RequestPaths.safeForLog(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        if (status.is5xxServerError()) {
            log.error("api.error status={} path=\"{}\"", status.value(), uri, cause);
        } else {
            log.info("api.error status={} path=\"{}\" error=\"{}\"", status.value(), uri, message);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Envelope.failure(message));
    }
}
