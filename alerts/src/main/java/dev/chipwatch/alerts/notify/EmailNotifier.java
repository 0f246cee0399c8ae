package dev.chipwatch.alerts.notify;

import dev.chipwatch.schemas.avro.Alert;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Sends alerts by SMTP (Angus Mail) as multipart/alternative, plain text first then HTML.
 * SMTP down, timeouts and 4xx replies are retryable; 5xx replies, bad addresses, failed
 * authentication and a server without the required STARTTLS are permanent.
 */
public final class EmailNotifier implements Notifier {

  private static final String WHAT = "SMTP";

  private final EmailSettings settings;
  private final Session session;
  private final Clock clock;
  private final Secret password;

  public EmailNotifier(EmailSettings settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.password = settings.password().orElse(Secret.of(""));
    this.session = Session.getInstance(properties(settings));
  }

  private static Properties properties(EmailSettings settings) {
    Properties props = new Properties();
    props.put("mail.smtp.host", settings.host());
    props.put("mail.smtp.port", String.valueOf(settings.port()));
    props.put("mail.smtp.auth", String.valueOf(settings.username().isPresent()));
    props.put("mail.smtp.starttls.enable", String.valueOf(settings.startTlsRequired()));
    props.put("mail.smtp.starttls.required", String.valueOf(settings.startTlsRequired()));
    // Angus does not check the certificate's host name unless told to.
    props.put("mail.smtp.ssl.checkserveridentity", "true");
    props.put("mail.smtp.connectiontimeout", String.valueOf(settings.connectTimeout().toMillis()));
    props.put("mail.smtp.timeout", String.valueOf(settings.timeout().toMillis()));
    props.put("mail.smtp.writetimeout", String.valueOf(settings.timeout().toMillis()));
    return props;
  }

  @Override
  public DeliveryResult send(List<Alert> alerts) {
    if (alerts.isEmpty()) {
      return DeliveryResult.ok();
    }
    MimeMessage message;
    try {
      message = message(alerts);
    } catch (AddressException e) {
      return DeliveryResult.permanent(WHAT + ": bad address: " + password.redact(e.getMessage()));
    } catch (MessagingException e) {
      return DeliveryResult.permanent(WHAT + ": cannot build message: " + describe(e));
    }
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect(settings.host(), settings.port(), settings.username().orElse(null),
          settings.password().map(Secret::reveal).orElse(null));
      transport.sendMessage(message, message.getAllRecipients());
      return DeliveryResult.ok();
    } catch (MessagingException e) {
      return classify(e);
    }
  }

  private MimeMessage message(List<Alert> alerts) throws MessagingException {
    String messageId = EmailFormat.messageId(alerts);
    MimeMessage message = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    message.setFrom(new InternetAddress(settings.from(), true));
    for (String to : settings.to()) {
      message.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
    }
    message.setSubject(EmailFormat.subject(alerts), StandardCharsets.UTF_8.name());
    message.setSentDate(Date.from(clock.instant()));

    MimeBodyPart text = new MimeBodyPart();
    text.setText(EmailFormat.text(alerts), StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(EmailFormat.html(alerts), StandardCharsets.UTF_8.name(), "html");
    // multipart/alternative: clients show the last part they can render, so text goes first.
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    return message;
  }

  private DeliveryResult classify(MessagingException e) {
    String reason = WHAT + ": " + describe(e);
    if (e instanceof AuthenticationFailedException) {
      return DeliveryResult.permanent(WHAT + ": authentication failed");
    }
    Integer code = smtpReplyCode(e);
    if (code != null) {
      return code >= 400 && code < 500 ? DeliveryResult.retryable(reason) : DeliveryResult.permanent(reason);
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("STARTTLS")) {
      return DeliveryResult.permanent(WHAT + ": server does not offer STARTTLS, which is required;"
          + " mail is not sent in plaintext unless STARTTLS is explicitly disabled");
    }
    if (e instanceof SendFailedException) {
      return DeliveryResult.permanent(reason);
    }
    if (hasCause(e, IOException.class)) {
      return DeliveryResult.retryable(WHAT + ": server unreachable: " + describe(e));
    }
    // Unknown trouble: retry within the policy's limits rather than drop the mail.
    return DeliveryResult.retryable(reason);
  }

  /** The SMTP reply code carried by Angus's exceptions, here or in the chained ones. */
  private static Integer smtpReplyCode(MessagingException e) {
    Exception current = e;
    for (int depth = 0; current != null && depth < 10; depth++) {
      if (current instanceof SMTPSendFailedException f) {
        return f.getReturnCode();
      }
      if (current instanceof SMTPAddressFailedException f) {
        return f.getReturnCode();
      }
      if (current instanceof SMTPSenderFailedException f) {
        return f.getReturnCode();
      }
      current = current instanceof MessagingException m ? m.getNextException() : null;
    }
    return null;
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private String describe(Throwable e) {
    return password.redact(HttpOutcomes.describe(e, password).replaceAll("\\s+", " ").strip());
  }

  @Override
  public String toString() {
    return "EmailNotifier[" + settings.host() + ":" + settings.port() + ", password=***]";
  }
}
