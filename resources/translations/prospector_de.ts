<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Prospector</source>
        <translation>Über Prospector</translation>
    </message>
    <message>
        <source>Plan your B2B prospecting: target companies, the ideal customer, people who can decide, qualified leads and the next call.</source>
        <translation>Planen Sie Ihre B2B-Neukundenakquise: Zielunternehmen, idealer Kunde, Entscheider, qualifizierte Leads und der nächste Anruf.</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Protokolldatei</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <source>Plan a touch</source>
        <translation>Kontakt planen</translation>
    </message>
    <message>
        <source>Mark as done</source>
        <translation>Als erledigt markieren</translation>
    </message>
    <message>
        <source>Log activity</source>
        <translation>Aktivität erfassen</translation>
    </message>
    <message>
        <source>What to talk about</source>
        <translation>Worüber sprechen</translation>
    </message>
    <message>
        <source>What it was about</source>
        <translation>Worum es ging</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>&amp;Person:</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>&amp;Wann:</translation>
    </message>
    <message>
        <source>&amp;Due:</source>
        <translation>&amp;Fällig:</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Ergebnis:</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Betreff:</translation>
    </message>
    <message>
        <source>&amp;Talking point:</source>
        <translation>&amp;Gesprächsthema:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>N&amp;otizen:</translation>
    </message>
    <message>
        <source>&amp;By:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;For:</source>
        <translation>Fü&amp;r:</translation>
    </message>
    <message>
        <source>Plan the &amp;next touch</source>
        <translation>&amp;Nächsten Kontakt planen</translation>
    </message>
    <message>
        <source>What to talk about next time</source>
        <translation>Worüber beim nächsten Mal sprechen</translation>
    </message>
    <message>
        <source>Ki&amp;nd:</source>
        <translation>Ar&amp;t:</translation>
    </message>
    <message>
        <source>D&amp;ue:</source>
        <translation>Fä&amp;llig:</translation>
    </message>
    <message>
        <source>T&amp;alking point:</source>
        <translation>Gesprächst&amp;hema:</translation>
    </message>
    <message>
        <source>This touch is a step of a nurturing plan: when it is done, the plan&apos;s next step is planned by itself, unless you plan another touch here.</source>
        <translation>Dieser Kontakt ist ein Schritt eines Pflegeplans: Ist er erledigt, wird der nächste Schritt des Plans von selbst geplant, außer Sie planen hier einen anderen Kontakt.</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Planen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>— (the company)</source>
        <translation>— (das Unternehmen)</translation>
    </message>
    <message>
        <source>{name} (objected)</source>
        <translation>{name} (Widerspruch)</translation>
    </message>
    <message>
        <source>Save &amp;&amp; plan next</source>
        <translation>Speichern &amp;&amp; nächsten Kontakt planen</translation>
    </message>
    <message>
        <source>Plan on a day off?</source>
        <translation>An einem freien Tag planen?</translation>
    </message>
    <message>
        <source>{problem} Plan the touch on that day anyway?</source>
        <translation>{problem} Den Kontakt trotzdem an diesem Tag planen?</translation>
    </message>
</context>
<context>
    <name>ActivityImport</name>
    <message>
        <source>no company: the columns “ID” and “Firma” are empty</source>
        <translation>kein Unternehmen: Die Spalten „ID“ und „Firma“ sind leer</translation>
    </message>
    <message>
        <source>there is no company with the ID {value}</source>
        <translation>Es gibt kein Unternehmen mit der ID {value}</translation>
    </message>
    <message>
        <source>neither a due date nor a done date</source>
        <translation>weder ein Fälligkeits- noch ein Erledigt-Datum</translation>
    </message>
    <message>
        <source>{name} objected to advertising; no touch is planned for them</source>
        <translation>{name} hat der Werbung widersprochen; es wird kein Kontakt geplant</translation>
    </message>
    <message>
        <source>{name} is a private person without a consent (channel: {channel}); no touch is planned for them</source>
        <translation>{name} ist eine Privatperson ohne Einwilligung (Kanal: {channel}); es wird kein Kontakt geplant</translation>
    </message>
    <message>
        <source>the activity was done already; an empty done date does not reopen it</source>
        <translation>Die Aktivität ist schon erledigt; ein leeres Erledigt-Datum öffnet sie nicht wieder</translation>
    </message>
    <message>
        <source>no kind of activity given; a new activity is stored as a note</source>
        <translation>keine Art der Aktivität angegeben; eine neue Aktivität wird als Notiz gespeichert</translation>
    </message>
    <message>
        <source>there is no person with the ID {value}; ignored</source>
        <translation>Es gibt keine Person mit der ID {value}; nicht übernommen</translation>
    </message>
    <message>
        <source>the person with the ID {value} is not one of this company’s; ignored</source>
        <translation>Die Person mit der ID {value} gehört nicht zu diesem Unternehmen; nicht übernommen</translation>
    </message>
    <message>
        <source>no company named “{name}”</source>
        <translation>kein Unternehmen namens „{name}“</translation>
    </message>
    <message>
        <source>{count} companies are named “{name}”; give the company’s ID</source>
        <translation>{count} Unternehmen heißen „{name}“; geben Sie die ID des Unternehmens an</translation>
    </message>
    <message>
        <source>the company “{name}” is in the trash</source>
        <translation>Das Unternehmen „{name}“ liegt im Papierkorb</translation>
    </message>
    <message>
        <source>“{value}” in column “{column}” is not an ID; ignored</source>
        <translation>„{value}“ in der Spalte „{column}“ ist keine ID; nicht übernommen</translation>
    </message>
    <message>
        <source>the text in column “{column}” is longer than {limit} characters; it was cut</source>
        <translation>Der Text in der Spalte „{column}“ ist länger als {limit} Zeichen; er wurde gekürzt</translation>
    </message>
    <message>
        <source>“{value}” in column “{column}” is not a date; ignored</source>
        <translation>„{value}“ in der Spalte „{column}“ ist kein Datum; nicht übernommen</translation>
    </message>
    <message>
        <source>“{value}” is not a kind of activity; a new activity is stored as a note</source>
        <translation>„{value}“ ist keine Art von Aktivität; eine neue Aktivität wird als Notiz gespeichert</translation>
    </message>
    <message>
        <source>no person named “{value}” at this company; ignored</source>
        <translation>keine Person namens „{value}“ in diesem Unternehmen; nicht übernommen</translation>
    </message>
    <message>
        <source>several persons at this company are named “{value}”; ignored</source>
        <translation>Mehrere Personen in diesem Unternehmen heißen „{value}“; nicht übernommen</translation>
    </message>
    <message>
        <source>“{value}” is not an outcome; ignored</source>
        <translation>„{value}“ ist kein Ergebnis; nicht übernommen</translation>
    </message>
    <message>
        <source>the outcome “{value}” needs a done date; ignored</source>
        <translation>Das Ergebnis „{value}“ braucht ein Erledigt-Datum; nicht übernommen</translation>
    </message>
    <message>
        <source>there is no team member named “{value}”; ignored</source>
        <translation>Es gibt keinen Bearbeiter namens „{value}“; nicht übernommen</translation>
    </message>
    <message>
        <source>{name} objected: marked not to be contacted, their planned touches were removed</source>
        <translation>{name} hat widersprochen: als Werbewiderspruch vermerkt, die geplanten Kontakte wurden entfernt</translation>
    </message>
    <message>
        <source>Row {row}: skipped: {reason}.</source>
        <translation>Zeile {row}: übersprungen: {reason}.</translation>
    </message>
    <message>
        <source>Row {row}: {problem}.</source>
        <translation>Zeile {row}: {problem}.</translation>
    </message>
    <message>
        <source>… and {n} more.</source>
        <translation>… und {n} weitere.</translation>
    </message>
    <message>
        <source>1 activity added</source>
        <translation>1 Aktivität hinzugefügt</translation>
    </message>
    <message>
        <source>{n} activities added</source>
        <translation>{n} Aktivitäten hinzugefügt</translation>
    </message>
    <message>
        <source>{n} updated</source>
        <translation>{n} geändert</translation>
    </message>
    <message>
        <source>{n} unchanged</source>
        <translation>{n} unverändert</translation>
    </message>
    <message>
        <source>{n} skipped</source>
        <translation>{n} übersprungen</translation>
    </message>
    <message>
        <source>{file}: {counts}.</source>
        <translation>{file}: {counts}.</translation>
    </message>
    <message>
        <source>Dry run: nothing was written.</source>
        <translation>Probelauf: Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>“{first}” or “{second}”</source>
        <translation>„{first}“ oder „{second}“</translation>
    </message>
    <message>
        <source>The sheet “{sheet}” of {file} is not a list of activities: it has no column {missing}.</source>
        <translation>Das Blatt „{sheet}“ in {file} ist keine Liste von Aktivitäten: Ihm fehlt die Spalte {missing}.</translation>
    </message>
    <message>
        <source>Import activities</source>
        <translation>Aktivitäten importieren</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)</source>
        <translation>Tabellen (*.xlsx *.xlsm *.xls *.ods *.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Importing activities…</source>
        <translation>Aktivitäten werden importiert…</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Prospector</source>
        <translation>Prospector</translation>
    </message>
    <message>
        <source>Restore a backup…</source>
        <translation>Sicherung wiederherstellen…</translation>
    </message>
    <message>
        <source>Choose another database…</source>
        <translation>Andere Datenbank wählen …</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Datenbankdatei</translation>
    </message>
    <message>
        <source>Prospector database (*.sqlite);;All files (*)</source>
        <translation>Prospector-Datenbank (*.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The database was updated; a backup is at %1</source>
        <translation>Die Datenbank wurde aktualisiert; eine Sicherung liegt unter %1</translation>
    </message>
</context>
<context>
    <name>ApplyCadenceDialog</name>
    <message>
        <source>Apply a nurturing plan</source>
        <translation>Pflegeplan anwenden</translation>
    </message>
    <message numerus="yes">
        <source>%Ln person(s) chosen. A plan they follow already is replaced; people who objected, became an opportunity or were disqualified are left out.</source>
        <translation>
            <numerusform>%Ln Person ausgewählt. Ein Plan, dem sie schon folgt, wird ersetzt; Personen mit Widerspruch, Verkaufschance oder Disqualifizierung werden ausgelassen.</numerusform>
            <numerusform>%Ln Personen ausgewählt. Ein Plan, dem sie schon folgen, wird ersetzt; Personen mit Widerspruch, Verkaufschance oder Disqualifizierung werden ausgelassen.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Plan:</source>
        <translation>&amp;Plan:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Ab:</translation>
    </message>
    <message>
        <source>Touches:</source>
        <translation>Kontakte:</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>No plan yet: create one under Nurturing plans…</source>
        <translation>Noch kein Plan: Anlegen unter Aktivitäten → Pflegepläne…</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Backups</source>
        <translation>Sicherungen</translation>
    </message>
    <message>
        <source>Backups of %1. Prospector makes one each day it is used and one before each update, and keeps one of each of the last 12 days, 10 weeks and 9 months.</source>
        <translation>Sicherungen von %1. Prospector legt an jedem Tag, an dem es benutzt wird, eine an und eine vor jedem Update; es behält je eine der letzten 12 Tage, 10 Wochen und 9 Monate.</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Anlass</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>No backups yet. “Back up now” makes the first one.</source>
        <translation>Noch keine Sicherung. „Jetzt sichern“ legt die erste an.</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Jetzt sichern</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Wiederherstellen…</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>&amp;Ordner öffnen</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>unlesbar</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>Daily backup</source>
        <translation>Tägliche Sicherung</translation>
    </message>
    <message>
        <source>Backed up by hand</source>
        <translation>Von Hand gesichert</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>Vor einer Wiederherstellung</translation>
    </message>
    <message>
        <source>Damaged file, kept as it was</source>
        <translation>Beschädigte Datei, unverändert aufbewahrt</translation>
    </message>
    <message>
        <source>Before an update (schema %1)</source>
        <translation>Vor einem Update (Schema %1)</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Sichere…</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Replace the database by the backup of %1? It holds %2 companies and %3 contacts; what was changed since is replaced.</source>
        <translation>Die Datenbank durch die Sicherung vom %1 ersetzen? Sie enthält %2 Unternehmen und %3 Ansprechpartner; was seitdem geändert wurde, wird ersetzt.</translation>
    </message>
    <message>
        <source>The database as it is now is backed up first: restoring that backup undoes this.</source>
        <translation>Die Datenbank wird vorher so gesichert, wie sie jetzt ist: Wer diese Sicherung wiederherstellt, macht den Schritt rückgängig.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Stelle wieder her…</translation>
    </message>
    <message>
        <source>Restored. The state before it is kept as the backup of %1.</source>
        <translation>Wiederhergestellt. Der Stand davor ist als Sicherung vom %1 aufbewahrt.</translation>
    </message>
</context>
<context>
    <name>CadenceTexts</name>
    <message>
        <source>objected</source>
        <translation>mit Widerspruch</translation>
    </message>
    <message>
        <source>opportunity or disqualified</source>
        <translation>Verkaufschance oder disqualifiziert</translation>
    </message>
    <message>
        <source>without a company</source>
        <translation>ohne Unternehmen</translation>
    </message>
    <message>
        <source>deleted meanwhile</source>
        <translation>inzwischen gelöscht</translation>
    </message>
</context>
<context>
    <name>Cadences</name>
    <message>
        <source>Long cycle: 6 touches in 9 months</source>
        <translation>Langer Zyklus: 6 Kontakte in 9 Monaten</translation>
    </message>
    <message>
        <source>Introduce yourself and ask what is planned.</source>
        <translation>Vorstellen und fragen, was geplant ist.</translation>
    </message>
    <message>
        <source>Send a reference from their industry.</source>
        <translation>Eine Referenz aus der Branche schicken.</translation>
    </message>
    <message>
        <source>Ask about the reference; check the timing.</source>
        <translation>Nach der Referenz fragen; den Zeitpunkt prüfen.</translation>
    </message>
    <message>
        <source>Send printed material or an invitation.</source>
        <translation>Gedrucktes Material oder eine Einladung schicken.</translation>
    </message>
    <message>
        <source>Ask what has changed since then.</source>
        <translation>Fragen, was sich seitdem geändert hat.</translation>
    </message>
    <message>
        <source>Ask for a meeting or a date to decide.</source>
        <translation>Um einen Termin oder ein Entscheidungsdatum bitten.</translation>
    </message>
    <message>
        <source>Short cycle: 4 touches in 6 weeks</source>
        <translation>Kurzer Zyklus: 4 Kontakte in 6 Wochen</translation>
    </message>
    <message>
        <source>Introduce yourself and find out who decides.</source>
        <translation>Vorstellen und herausfinden, wer entscheidet.</translation>
    </message>
    <message>
        <source>Send the information promised on the phone.</source>
        <translation>Die am Telefon versprochenen Informationen schicken.</translation>
    </message>
    <message>
        <source>Ask about the information; agree next steps.</source>
        <translation>Nach den Informationen fragen; die nächsten Schritte vereinbaren.</translation>
    </message>
    <message>
        <source>Ask for a meeting or when to call again.</source>
        <translation>Um einen Termin bitten oder fragen, wann Sie wieder anrufen sollen.</translation>
    </message>
    <message>
        <source>Re-qualify after a year</source>
        <translation>Nach einem Jahr erneut qualifizieren</translation>
    </message>
    <message>
        <source>Remind them of you before the next budget.</source>
        <translation>Sich vor dem nächsten Budget in Erinnerung bringen.</translation>
    </message>
    <message>
        <source>Check the four criteria again.</source>
        <translation>Die vier Kriterien erneut prüfen.</translation>
    </message>
</context>
<context>
    <name>CadencesDialog</name>
    <message>
        <source>Nurturing plans</source>
        <translation>Pflegepläne</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Add the &amp;suggested plans</source>
        <translation>&amp;Vorgeschlagene Pläne hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Offered when applying a plan</source>
        <translation>Beim Anwenden eines Plans &amp;anbieten</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Days after the step before</source>
        <translation>Tage nach dem vorigen Schritt</translation>
    </message>
    <message>
        <source>Talking point</source>
        <translation>Gesprächsthema</translation>
    </message>
    <message>
        <source>Add &amp;step</source>
        <translation>Schritt &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove step</source>
        <translation>Schritt &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Do&amp;wn</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>&amp;Save plan</source>
        <translation>Plan &amp;speichern</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>A plan only puts touches in the calendar for a person to make. It never sends anything by itself: advertising e-mails need the recipient&apos;s consent.</source>
        <translation>Ein Plan trägt nur Kontakte in den Kalender ein, die ein Mensch ausführt. Er verschickt nie selbst etwas: Werbe-E-Mails brauchen die Einwilligung des Empfängers.</translation>
    </message>
    <message>
        <source>{name} (retired)</source>
        <translation>{name} (stillgelegt)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln lead(s) follow this plan now</source>
        <translation>
            <numerusform>%Ln Lead folgt jetzt diesem Plan</numerusform>
            <numerusform>%Ln Leads folgen jetzt diesem Plan</numerusform>
        </translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>No steps yet.</source>
        <translation>Noch keine Schritte.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln touch(es) over {days} days (about {months} months).</source>
        <translation>
            <numerusform>%Ln Kontakt in {days} Tagen (etwa {months} Monaten).</numerusform>
            <numerusform>%Ln Kontakte in {days} Tagen (etwa {months} Monaten).</numerusform>
        </translation>
    </message>
    <message>
        <source>Applied today: {dates}</source>
        <translation>Ab heute angewendet: {dates}</translation>
    </message>
    <message>
        <source>“{name}” has been used, so it is retired instead: it stays in the history of the leads that followed it, and is no longer offered. Retire it?</source>
        <translation>„{name}“ wurde schon verwendet und wird deshalb stattdessen stillgelegt: Der Plan bleibt im Verlauf der Leads, die ihm gefolgt sind, und wird nicht mehr angeboten. Stilllegen?</translation>
    </message>
    <message>
        <source>Delete the plan “{name}”?</source>
        <translation>Den Plan „{name}“ löschen?</translation>
    </message>
</context>
<context>
    <name>Calendar</name>
    <message>
        <source>Prospector: planned touches</source>
        <translation>Prospector: geplante Kontakte</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Talking point</source>
        <translation>Gesprächsthema</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>all day</source>
        <translation>ganztägig</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Last touch</source>
        <translation>Letzter Kontakt</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>Previous month, week or day (Alt+Left)</source>
        <translation>Voriger Monat, vorige Woche oder voriger Tag (Alt+Links)</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Heute</translation>
    </message>
    <message>
        <source>Go to today (Alt+Home)</source>
        <translation>Zu heute springen (Alt+Pos1)</translation>
    </message>
    <message>
        <source>Next month, week or day (Alt+Right)</source>
        <translation>Nächster Monat, nächste Woche oder nächster Tag (Alt+Rechts)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Mo&amp;nth</source>
        <translation>Mo&amp;nat</translation>
    </message>
    <message>
        <source>&amp;Week</source>
        <translation>&amp;Woche</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Tag</translation>
    </message>
    <message>
        <source>For&amp;gotten leads</source>
        <translation>Ver&amp;gessene Leads</translation>
    </message>
    <message>
        <source>Leads with nothing planned: in nurturing, or not touched for long</source>
        <translation>Leads ohne geplanten Kontakt: in Lead-Pflege oder lange nicht kontaktiert</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>&amp;Owner</source>
        <translation>&amp;Bearbeiter</translation>
    </message>
    <message>
        <source>&amp;Move…</source>
        <translation>&amp;Verschieben…</translation>
    </message>
    <message>
        <source>Move the touch to another day or time (F2, or drag it onto a day)</source>
        <translation>Den Kontakt auf einen anderen Tag oder eine andere Uhrzeit verschieben (F2, oder auf einen Tag ziehen)</translation>
    </message>
    <message>
        <source>Move touch</source>
        <translation>Kontakt verschieben</translation>
    </message>
    <message>
        <source>O&amp;pen…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open the touch (Enter or double-click)</source>
        <translation>Den Kontakt öffnen (Eingabetaste oder Doppelklick)</translation>
    </message>
    <message>
        <source>O&amp;pen lead…</source>
        <translation>Lead ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open the person (Enter or double-click)</source>
        <translation>Die Person öffnen (Eingabetaste oder Doppelklick)</translation>
    </message>
    <message>
        <source>For&amp;gotten leads (%1)</source>
        <translation>Ver&amp;gessene Leads (%1)</translation>
    </message>
    <message>
        <source>Forgotten leads</source>
        <translation>Vergessene Leads</translation>
    </message>
    <message>
        <source>Week %1: %2 – %3</source>
        <translation>KW %1: %2 – %3</translation>
    </message>
    <message>
        <source>public holiday: %1</source>
        <translation>Feiertag: %1</translation>
    </message>
    <message>
        <source>public holiday %1: %2</source>
        <translation>Feiertag am %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln touch(es)</source>
        <translation>
            <numerusform>%Ln Kontakt</numerusform>
            <numerusform>%Ln Kontakte</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing planned</source>
        <translation>nichts geplant</translation>
    </message>
    <message numerus="yes">
        <source>%Ln overdue from earlier days</source>
        <translation>
            <numerusform>%Ln von früheren Tagen überfällig</numerusform>
            <numerusform>%Ln von früheren Tagen überfällig</numerusform>
        </translation>
    </message>
    <message>
        <source>No forgotten leads: every lead has a touch planned.</source>
        <translation>Keine vergessenen Leads: Für jeden Lead ist ein Kontakt geplant.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln forgotten lead(s)</source>
        <translation>
            <numerusform>%Ln vergessener Lead</numerusform>
            <numerusform>%Ln vergessene Leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, the %Ln longest untouched shown</source>
        <translation>
            <numerusform>, davon der %Ln am längsten nicht kontaktierte angezeigt</numerusform>
            <numerusform>, davon die %Ln am längsten nicht kontaktierten angezeigt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing planned, and in nurturing or not touched for %Ln day(s).</source>
        <translation>
            <numerusform>Nichts geplant, und in Lead-Pflege oder seit %Ln Tag ohne Kontakt.</numerusform>
            <numerusform>Nichts geplant, und in Lead-Pflege oder seit %Ln Tagen ohne Kontakt.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is a public holiday (%2). Plan it there anyway?</source>
        <translation>%1 ist ein Feiertag (%2). Trotzdem auf diesen Tag planen?</translation>
    </message>
    <message>
        <source>%1 falls on a weekend. Plan it there anyway?</source>
        <translation>%1 fällt auf ein Wochenende. Trotzdem auf diesen Tag planen?</translation>
    </message>
</context>
<context>
    <name>CallDay</name>
    <message>
        <source>overdue %1</source>
        <translation>überfällig seit %1</translation>
    </message>
    <message>
        <source>%1 (switchboard)</source>
        <translation>%1 (Zentrale)</translation>
    </message>
    <message>
        <source>do not contact; %Ln touch(es) cancelled</source>
        <translation>kein Kontakt mehr; %Ln geplante Kontakte entfallen</translation>
    </message>
    <message>
        <source>no one to call instead</source>
        <translation>kein anderer Ansprechpartner</translation>
    </message>
    <message>
        <source>next try %1</source>
        <translation>nächster Versuch %1</translation>
    </message>
    <message>
        <source>call back %1 %2</source>
        <translation>Rückruf %1 %2</translation>
    </message>
    <message>
        <source>colleague to call %1</source>
        <translation>Kollegen anrufen %1</translation>
    </message>
    <message>
        <source>next step: %1 %2</source>
        <translation>nächster Schritt: %1 %2</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>Zielperson</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Last touch</source>
        <translation>Letzter Kontakt</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <source>Open criteria</source>
        <translation>Offene Kriterien</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation>Überfällig seit %1</translation>
    </message>
    <message>
        <source>The company&apos;s switchboard: the person has no number</source>
        <translation>Zentrale des Unternehmens: Die Person hat keine eigene Nummer</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Planned next</source>
        <translation>Als Nächstes geplant</translation>
    </message>
</context>
<context>
    <name>CallDayPage</name>
    <message>
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Create &amp;PDF…</source>
        <translation>&amp;PDF erstellen…</translation>
    </message>
    <message>
        <source>The list and a sheet per call, in this order (Ctrl+P)</source>
        <translation>Die Liste und ein Gesprächsblatt je Anruf, in dieser Reihenfolge (Strg+P)</translation>
    </message>
    <message>
        <source>Create PDF</source>
        <translation>PDF erstellen</translation>
    </message>
    <message>
        <source>&amp;Enter outcomes</source>
        <translation>&amp;Ergebnisse eintragen</translation>
    </message>
    <message>
        <source>One key per call, in the printed order</source>
        <translation>Eine Taste je Anruf, in der gedruckten Reihenfolge</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Datum</translation>
    </message>
    <message>
        <source>&amp;Owner</source>
        <translation>&amp;Bearbeiter</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Call it earlier (Alt+Up, or drag the row)</source>
        <translation>Früher anrufen (Alt+Hoch, oder die Zeile ziehen)</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>Call it later (Alt+Down, or drag the row)</source>
        <translation>Später anrufen (Alt+Runter, oder die Zeile ziehen)</translation>
    </message>
    <message>
        <source>&amp;Remove from this list</source>
        <translation>Aus dieser Liste ent&amp;fernen</translation>
    </message>
    <message>
        <source>Leave it off today&apos;s printout (Del); the planned call stays as it is</source>
        <translation>Nicht mit ausdrucken (Entf); der geplante Anruf bleibt, wie er ist</translation>
    </message>
    <message>
        <source>&amp;Sort by priority</source>
        <translation>Nach Priorität &amp;sortieren</translation>
    </message>
    <message>
        <source>Overdue first, then the better fit, then the lead nearer to a deal</source>
        <translation>Überfällige zuerst, dann die bessere Passung, dann der Lead, der dem Abschluss näher ist</translation>
    </message>
    <message>
        <source>The list prints in this order. Drag a row, or press Alt+Up or Alt+Down, to move a call; Del leaves it off this printout.</source>
        <translation>Die Liste wird in dieser Reihenfolge gedruckt. Ziehen Sie eine Zeile oder drücken Sie Alt+Hoch oder Alt+Runter, um einen Anruf zu verschieben; Entf nimmt ihn aus diesem Ausdruck heraus.</translation>
    </message>
    <message>
        <source>%1 is a public holiday: %2.</source>
        <translation>%1 ist ein Feiertag: %2.</translation>
    </message>
    <message>
        <source>%1 falls on a weekend.</source>
        <translation>%1 fällt auf ein Wochenende.</translation>
    </message>
    <message>
        <source>No calls planned for this day.</source>
        <translation>Für diesen Tag sind keine Anrufe geplant.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln Anruf</numerusform>
            <numerusform>%Ln Anrufe</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln overdue</source>
        <translation>
            <numerusform>%Ln überfällig</numerusform>
            <numerusform>%Ln überfällig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln taken off this list</source>
        <translation>
            <numerusform>%Ln aus dieser Liste genommen</numerusform>
            <numerusform>%Ln aus dieser Liste genommen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>PDF written: %1, %Ln page(s)</source>
        <translation>
            <numerusform>PDF erstellt: %1, %Ln Seite</numerusform>
            <numerusform>PDF erstellt: %1, %Ln Seiten</numerusform>
        </translation>
    </message>
    <message>
        <source>Call-day-%1.pdf</source>
        <translation>Anruftag-%1.pdf</translation>
    </message>
    <message>
        <source>Save the call day</source>
        <translation>Anruftag speichern</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the call day…</source>
        <translation>Anruftag wird erstellt…</translation>
    </message>
    <message>
        <source>Cancelled; no PDF was written.</source>
        <translation>Abgebrochen; es wurde kein PDF erstellt.</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>CallOutcomeDialog</name>
    <message>
        <source>Call outcome</source>
        <translation>Ergebnis des Anrufs</translation>
    </message>
    <message>
        <source>&amp;Reached</source>
        <translation>&amp;Erreicht</translation>
    </message>
    <message>
        <source>&amp;Not reached</source>
        <translation>&amp;Nicht erreicht</translation>
    </message>
    <message>
        <source>&amp;Call back</source>
        <translation>&amp;Rückruf</translation>
    </message>
    <message>
        <source>&amp;Wrong person</source>
        <translation>&amp;Falscher Ansprechpartner</translation>
    </message>
    <message>
        <source>Not &amp;interested</source>
        <translation>&amp;Kein Interesse</translation>
    </message>
    <message>
        <source>&amp;Objected (do not contact)</source>
        <translation>&amp;Widerspruch (kein Kontakt mehr)</translation>
    </message>
    <message>
        <source>Appoint&amp;ment made</source>
        <translation>&amp;Termin vereinbart</translation>
    </message>
    <message>
        <source>In&amp;formation sent</source>
        <translation>&amp;Informationen verschickt</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>What was said, what to remember</source>
        <translation>Was gesagt wurde, was zu merken ist</translation>
    </message>
    <message>
        <source>Not&amp;es</source>
        <translation>Noti&amp;zen</translation>
    </message>
    <message>
        <source>This call is recorded already.</source>
        <translation>Dieser Anruf ist schon eingetragen.</translation>
    </message>
    <message>
        <source>What the call showed of the four criteria:</source>
        <translation>Was das Gespräch zu den vier Kriterien ergab:</translation>
    </message>
    <message>
        <source>Save and open the full chec&amp;klist…</source>
        <translation>Speichern und vollständige &amp;Checkliste öffnen…</translation>
    </message>
    <message>
        <source>Also the colleagues who decide, the pains, the budget&apos;s range, the decision&apos;s date</source>
        <translation>Auch die Kollegen, die mitentscheiden, die Probleme, den Budgetrahmen und das Entscheidungsdatum</translation>
    </message>
    <message>
        <source>Your entries are still here. Save again to store them over the other change, which stays in the history.</source>
        <translation>Ihre Eingaben sind noch da. Speichern Sie erneut, um sie über die andere Änderung zu schreiben; diese bleibt im Verlauf.</translation>
    </message>
    <message>
        <source>Next tr&amp;y on</source>
        <translation>Nächster &amp;Versuch am</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Datum</translation>
    </message>
    <message>
        <source>&amp;Time</source>
        <translation>&amp;Uhrzeit</translation>
    </message>
    <message>
        <source>The plan with this person ends. A call with the colleague you choose is planned for the next working day.</source>
        <translation>Der Plan mit dieser Person endet. Ein Anruf bei der gewählten Person wird für den nächsten Arbeitstag geplant.</translation>
    </message>
    <message>
        <source>Refer &amp;to</source>
        <translation>Verwie&amp;sen an</translation>
    </message>
    <message>
        <source>In the person&apos;s words, e.g. no advertising calls</source>
        <translation>In den Worten der Person, z. B. keine Werbeanrufe</translation>
    </message>
    <message>
        <source>O&amp;bjected on</source>
        <translation>Widersprochen a&amp;m</translation>
    </message>
    <message>
        <source>Re&amp;ason *</source>
        <translation>&amp;Grund *</translation>
    </message>
    <message>
        <source>Unanswered attempts in a row, this one included: %1</source>
        <translation>Unbeantwortete Versuche in Folge, dieser eingeschlossen: %1</translation>
    </message>
    <message numerus="yes">
        <source>The person is marked do-not-contact, and %Ln other planned touch(es) with them are cancelled.</source>
        <translation>
            <numerusform>Für die Person wird ein Werbewiderspruch eingetragen, und %Ln weiterer geplanter Kontakt mit ihr entfällt.</numerusform>
            <numerusform>Für die Person wird ein Werbewiderspruch eingetragen, und %Ln weitere geplante Kontakte mit ihr entfallen.</numerusform>
        </translation>
    </message>
    <message>
        <source>That day is a public holiday: %1.</source>
        <translation>Dieser Tag ist ein Feiertag: %1.</translation>
    </message>
    <message>
        <source>That day falls on a weekend.</source>
        <translation>Dieser Tag fällt auf ein Wochenende.</translation>
    </message>
</context>
<context>
    <name>CallSheet</name>
    <message>
        <source>Whole team</source>
        <translation>Ganzes Team</translation>
    </message>
    <message>
        <source>Call list</source>
        <translation>Anrufliste</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>Zielperson</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Last touch</source>
        <translation>Zuletzt</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <source>Open criteria</source>
        <translation>Noch offen</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>überfällig</translation>
    </message>
    <message>
        <source>(switchboard)</source>
        <translation>(Zentrale)</translation>
    </message>
    <message>
        <source>No calls are planned for this day.</source>
        <translation>Für diesen Tag sind keine Anrufe geplant.</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Seite {page} von {pages}</translation>
    </message>
    <message>
        <source>No phone number</source>
        <translation>Keine Telefonnummer</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <source>Stage: {stage}</source>
        <translation>Phase: {stage}</translation>
    </message>
    <message>
        <source>Fit score: {score}</source>
        <translation>Passung: {score}</translation>
    </message>
    <message>
        <source>Owner: {owner}</source>
        <translation>Bearbeiter: {owner}</translation>
    </message>
    <message>
        <source>Overdue since {date}</source>
        <translation>Überfällig seit {date}</translation>
    </message>
    <message>
        <source>Due {time}</source>
        <translation>Fällig: {time}</translation>
    </message>
    <message>
        <source>Persona: {persona}</source>
        <translation>Zielperson: {persona}</translation>
    </message>
    <message>
        <source>Talking points</source>
        <translation>Gesprächsthemen</translation>
    </message>
    <message>
        <source>Pain points</source>
        <translation>Schmerzpunkte</translation>
    </message>
    <message>
        <source>Value proposition</source>
        <translation>Nutzenversprechen</translation>
    </message>
    <message>
        <source>Qualification</source>
        <translation>Qualifizierung</translation>
    </message>
    <message>
        <source>Recent activities</source>
        <translation>Letzte Aktivitäten</translation>
    </message>
    <message>
        <source>No activities yet</source>
        <translation>Noch keine Aktivitäten</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Source of the data: {source}</source>
        <translation>Herkunft der Daten: {source}</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>nicht erfasst</translation>
    </message>
    <message>
        <source>Art. 21 GDPR: the person may object to the use of their data for advertising at any time; record an objection at once as do-not-contact.</source>
        <translation>Art. 21 DSGVO: Die Person kann der Nutzung ihrer Daten für Werbung jederzeit widersprechen; tragen Sie einen Widerspruch sofort als Werbewiderspruch ein.</translation>
    </message>
</context>
<context>
    <name>Check</name>
    <message>
        <source>The file is whole (SQLite&apos;s integrity check).</source>
        <translation>Die Datei ist unbeschädigt (Integritätsprüfung von SQLite).</translation>
    </message>
    <message>
        <source>The server keeps the database files whole itself.</source>
        <translation>Der Server hält seine Datenbankdateien selbst unbeschädigt.</translation>
    </message>
    <message>
        <source>No record refers to a record that is gone.</source>
        <translation>Kein Datensatz verweist auf einen, den es nicht mehr gibt.</translation>
    </message>
    <message>
        <source>The sort names of all companies are right.</source>
        <translation>Die Sortiernamen aller Unternehmen stimmen.</translation>
    </message>
    <message>
        <source>The search text of every company and contact is current.</source>
        <translation>Der Suchtext jedes Unternehmens und Ansprechpartners ist aktuell.</translation>
    </message>
    <message>
        <source>The full-text indexes of the search are in step.</source>
        <translation>Die Volltextindizes der Suche stimmen.</translation>
    </message>
    <message>
        <source>References to records that are gone: {found}; removed: {repaired}.</source>
        <translation>Verweise auf nicht mehr vorhandene Datensätze: {found}; entfernt: {repaired}.</translation>
    </message>
    <message>
        <source>Sort names of companies out of date, now renewed: {found}.</source>
        <translation>Veraltete Sortiernamen von Unternehmen, jetzt erneuert: {found}.</translation>
    </message>
    <message>
        <source>Search texts out of date, now renewed: {found}.</source>
        <translation>Veraltete Suchtexte, jetzt erneuert: {found}.</translation>
    </message>
    <message>
        <source>Full-text indexes out of step, now rebuilt: {found}.</source>
        <translation>Abweichende Volltextindizes, jetzt neu aufgebaut: {found}.</translation>
    </message>
    <message>
        <source>{location} is damaged: SQLite&apos;s integrity check found problems. Nothing was changed. Restore a backup of it (File › Backups).</source>
        <translation>{location} ist beschädigt: Die Integritätsprüfung von SQLite hat Fehler gefunden. Es wurde nichts geändert. Stellen Sie eine Sicherung wieder her (Datei › Sicherungen).</translation>
    </message>
    <message>
        <source>{location} is in order again: {companies} companies, {contacts} contacts. Problems repaired: {repaired}.</source>
        <translation>{location} ist wieder in Ordnung: {companies} Unternehmen, {contacts} Ansprechpartner. Behobene Probleme: {repaired}.</translation>
    </message>
    <message>
        <source>{location} is in order: {companies} companies, {contacts} contacts.</source>
        <translation>{location} ist in Ordnung: {companies} Unternehmen, {contacts} Ansprechpartner.</translation>
    </message>
</context>
<context>
    <name>CheckReportDialog</name>
    <message>
        <source>Check the database</source>
        <translation>Datenbank prüfen</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>&amp;Sicherungen…</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>{location} was updated for this version of Prospector.</source>
        <translation>{location} wurde für diese Version von Prospector aktualisiert.</translation>
    </message>
    <message>
        <source>{location} was updated for this version of Prospector; the backup of it as it was is {backup}.</source>
        <translation>{location} wurde für diese Version von Prospector aktualisiert; die Sicherung des vorigen Stands ist {backup}.</translation>
    </message>
    <message>
        <source>Prospector stopped on an unexpected error ({kind}); nothing was changed. The details are in the log file {log}.</source>
        <translation>Prospector wurde durch einen unerwarteten Fehler angehalten ({kind}); es wurde nichts geändert. Die Einzelheiten stehen in der Protokolldatei {log}.</translation>
    </message>
    <message>
        <source>There is no saved view named “{view}”.</source>
        <translation>Es gibt keine gespeicherte Ansicht „{view}“.</translation>
    </message>
    <message>
        <source>{file}: {companies} companies, {contacts} contacts, {activities} activities exported.</source>
        <translation>{file}: {companies} Unternehmen, {contacts} Ansprechpartner, {activities} Aktivitäten exportiert.</translation>
    </message>
    <message>
        <source>Cleaned for Excel: sheet {sheet}, row {row}, column “{column}”.</source>
        <translation>Für Excel bereinigt: Blatt {sheet}, Zeile {row}, Spalte „{column}“.</translation>
    </message>
    <message>
        <source>Backup written: {path} ({size} MB).</source>
        <translation>Sicherung geschrieben: {path} ({size} MB).</translation>
    </message>
    <message>
        <source>There is no team member named “{name}”.</source>
        <translation>Es gibt keinen Bearbeiter „{name}“.</translation>
    </message>
    <message>
        <source>{file} could not be written: {reason}</source>
        <translation>{file} konnte nicht geschrieben werden: {reason}</translation>
    </message>
    <message>
        <source>{file}: no calls are planned for {date}.</source>
        <translation>{file}: Für {date} sind keine Anrufe geplant.</translation>
    </message>
    <message>
        <source>{file}: {calls} calls on {pages} pages.</source>
        <translation>{file}: {calls} Anrufe auf {pages} Seiten.</translation>
    </message>
    <message>
        <source>{file}: {events} planned touches exported.</source>
        <translation>{file}: {events} geplante Kontakte exportiert.</translation>
    </message>
</context>
<context>
    <name>ColumnsPage</name>
    <message>
        <source>Match the columns</source>
        <translation>Spalten zuordnen</translation>
    </message>
    <message>
        <source>Choose for each column of the file what it holds. Columns set to “— ignore —” are not imported.</source>
        <translation>Wählen Sie für jede Spalte der Datei, was sie enthält. Spalten mit „— ignorieren —“ werden nicht importiert.</translation>
    </message>
    <message numerus="yes">
        <source>Headers found in row %1 of “%2”; %Ln rows of data below.</source>
        <translation>
            <numerusform>Die Kopfzeile ist Zeile %1 von „%2“; darunter folgt %Ln Datenzeile.</numerusform>
            <numerusform>Die Kopfzeile ist Zeile %1 von „%2“; darunter folgen %Ln Datenzeilen.</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” can come from one column only; the column “%2” is now ignored.</source>
        <translation>„%1“ kann nur aus einer Spalte kommen; die Spalte „%2“ wird jetzt ignoriert.</translation>
    </message>
    <message numerus="yes">
        <source>“%1” now comes from %Ln columns, joined in their order.</source>
        <translation>
            <numerusform>„%1“ kommt jetzt aus %Ln Spalte, in ihrer Reihenfolge zusammengesetzt.</numerusform>
            <numerusform>„%1“ kommt jetzt aus %Ln Spalten, in ihrer Reihenfolge zusammengesetzt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1” now comes from %Ln columns: the first filled one is stored, the others are kept with the record.</source>
        <translation>
            <numerusform>„%1“ kommt jetzt aus %Ln Spalte: Die erste gefüllte wird gespeichert, die anderen bleiben beim Eintrag erhalten.</numerusform>
            <numerusform>„%1“ kommt jetzt aus %Ln Spalten: Die erste gefüllte wird gespeichert, die anderen bleiben beim Eintrag erhalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing identifies a row yet: choose the column that holds the company name, the person&apos;s last name or full name, or the ID from an export.</source>
        <translation>Noch fehlt eine Spalte, an der sich jede Zeile erkennen lässt: Wählen Sie die Spalte mit dem Namen des Unternehmens, dem Nachnamen oder dem vollständigen Namen der Person oder mit der ID aus einem Export.</translation>
    </message>
</context>
<context>
    <name>CompaniesPage</name>
    <message>
        <source>Move to &amp;trash…</source>
        <translation>&amp;In den Papierkorb verschieben…</translation>
    </message>
    <message>
        <source>No company matches the search and the filters.</source>
        <translation>Kein Unternehmen passt zur Suche und zu den Filtern.</translation>
    </message>
    <message>
        <source>No companies yet. Import a spreadsheet (Ctrl+I), create a company (Ctrl+N) or load the sample data from the File menu.</source>
        <translation>Noch keine Unternehmen. Importieren Sie eine Tabelle (Strg+I), legen Sie ein Unternehmen an (Strg+N) oder laden Sie die Beispieldaten aus dem Menü Datei.</translation>
    </message>
    <message>
        <source>Saved views: filters with their columns</source>
        <translation>Gespeicherte Ansichten: Filter mit ihren Spalten</translation>
    </message>
    <message>
        <source>Save view…</source>
        <translation>Ansicht speichern…</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>Ansicht löschen</translation>
    </message>
    <message>
        <source>All companies</source>
        <translation>Alle Unternehmen</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>Ansicht speichern</translation>
    </message>
    <message>
        <source>Name of the view:</source>
        <translation>Name der Ansicht:</translation>
    </message>
    <message>
        <source>Replace the view “%1”?</source>
        <translation>Die Ansicht „%1“ ersetzen?</translation>
    </message>
    <message>
        <source>Delete the view “%1”? The companies stay as they are.</source>
        <translation>Die Ansicht „%1“ löschen? Die Unternehmen bleiben unverändert.</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>In den Papierkorb verschieben</translation>
    </message>
    <message numerus="yes">
        <source>Move %Ln company(s) to the trash? You can restore them from the trash for 30 days.</source>
        <translation>
            <numerusform>%Ln Unternehmen in den Papierkorb verschieben? Sie können es 30 Tage lang aus dem Papierkorb wiederherstellen.</numerusform>
            <numerusform>%Ln Unternehmen in den Papierkorb verschieben? Sie können sie 30 Tage lang aus dem Papierkorb wiederherstellen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Kein Bearbeiter</translation>
    </message>
    <message>
        <source>Set owner</source>
        <translation>Bearbeiter festlegen</translation>
    </message>
    <message numerus="yes">
        <source>Owner of %Ln company(s):</source>
        <translation>
            <numerusform>Bearbeiter für %Ln Unternehmen:</numerusform>
            <numerusform>Bearbeiter für %Ln Unternehmen:</numerusform>
        </translation>
    </message>
    <message>
        <source>Add tags</source>
        <translation>Schlagworte hinzufügen</translation>
    </message>
    <message numerus="yes">
        <source>Tags for %Ln company(s), separated by commas:</source>
        <translation>
            <numerusform>Schlagworte für %Ln Unternehmen, durch Kommas getrennt:</numerusform>
            <numerusform>Schlagworte für %Ln Unternehmen, durch Kommas getrennt:</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation>Schlagwort entfernen</translation>
    </message>
    <message numerus="yes">
        <source>Remove this tag from %Ln company(s):</source>
        <translation>
            <numerusform>Dieses Schlagwort von %Ln Unternehmen entfernen:</numerusform>
            <numerusform>Dieses Schlagwort von %Ln Unternehmen entfernen:</numerusform>
        </translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Werbewiderspruch</translation>
    </message>
    <message numerus="yes">
        <source>All contacts of %Ln company(s) objected to being contacted. Reason (optional):</source>
        <translation>
            <numerusform>Alle Ansprechpartner von %Ln Unternehmen haben der Kontaktaufnahme widersprochen. Grund (optional):</numerusform>
            <numerusform>Alle Ansprechpartner von %Ln Unternehmen haben der Kontaktaufnahme widersprochen. Grund (optional):</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Öffnen</translation>
    </message>
    <message>
        <source>Set &amp;owner…</source>
        <translation>&amp;Bearbeiter festlegen…</translation>
    </message>
    <message>
        <source>&amp;Add tags…</source>
        <translation>Schlagworte &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove tag…</source>
        <translation>Schlagwort &amp;entfernen…</translation>
    </message>
    <message>
        <source>Set &amp;stage</source>
        <translation>&amp;Phase festlegen</translation>
    </message>
    <message>
        <source>&amp;Do not contact…</source>
        <translation>&amp;Werbewiderspruch eintragen…</translation>
    </message>
    <message>
        <source>&amp;Merge the two…</source>
        <translation>Beide &amp;zusammenführen…</translation>
    </message>
</context>
<context>
    <name>CompanyDialog</name>
    <message>
        <source>New company</source>
        <translation>Neues Unternehmen</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>in euros, e.g. 2.500.000</source>
        <translation>in Euro, z. B. 2.500.000</translation>
    </message>
    <message>
        <source>e.g. DE136695976</source>
        <translation>z. B. DE136695976</translation>
    </message>
    <message>
        <source>e.g. 0351 123456</source>
        <translation>z. B. 0351 123456</translation>
    </message>
    <message>
        <source>e.g. www.example.de</source>
        <translation>z. B. www.beispiel.de</translation>
    </message>
    <message>
        <source>e.g. Trade fair 2024, Customer</source>
        <translation>z. B. Messe 2024, Kunde</translation>
    </message>
    <message>
        <source>Separate tags with commas.</source>
        <translation>Trennen Sie Schlagworte durch Kommas.</translation>
    </message>
    <message>
        <source>Fit to the ideal customer</source>
        <translation>Passung zum idealen Kunden</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Choose the industry from the WZ 2008 classification</source>
        <translation>Branche aus der Klassifikation WZ 2008 auswählen</translation>
    </message>
    <message>
        <source>Contacts can be added once the company is saved. Add… saves it first.</source>
        <translation>Ansprechpartner lassen sich erst hinzufügen, wenn das Unternehmen gespeichert ist. „Hinzufügen…“ speichert es zuerst.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Qualify…</source>
        <translation>Qualifizieren…</translation>
    </message>
    <message>
        <source>The four criteria of the chosen person: authority, need, budget and timing</source>
        <translation>Die vier Kriterien der gewählten Person: Befugnis, Bedarf, Budget und Zeitpunkt</translation>
    </message>
    <message>
        <source>No activities yet.</source>
        <translation>Noch keine Aktivitäten.</translation>
    </message>
    <message>
        <source>Compan&amp;y</source>
        <translation>Unterne&amp;hmen</translation>
    </message>
    <message>
        <source>Cont&amp;acts</source>
        <translation>&amp;Ansprechpartner</translation>
    </message>
    <message>
        <source>Histo&amp;ry</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation>&amp;Name *</translation>
    </message>
    <message>
        <source>&amp;Legal form</source>
        <translation>&amp;Rechtsform</translation>
    </message>
    <message>
        <source>VAT ID</source>
        <translation>USt-IdNr.</translation>
    </message>
    <message>
        <source>&amp;Industry</source>
        <translation>&amp;Branche</translation>
    </message>
    <message>
        <source>WZ code</source>
        <translation>WZ-Code</translation>
    </message>
    <message>
        <source>Str&amp;ucture</source>
        <translation>Stru&amp;ktur</translation>
    </message>
    <message>
        <source>Acti&amp;vity</source>
        <translation>Tät&amp;igkeit</translation>
    </message>
    <message>
        <source>&amp;Employees</source>
        <translation>&amp;Mitarbeiter</translation>
    </message>
    <message>
        <source>&amp;Turnover (EUR)</source>
        <translation>&amp;Umsatz (EUR)</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <source>Ta&amp;gs</source>
        <translation>Schla&amp;gworte</translation>
    </message>
    <message>
        <source>&amp;Street</source>
        <translation>&amp;Straße</translation>
    </message>
    <message>
        <source>&amp;Postcode</source>
        <translation>&amp;PLZ</translation>
    </message>
    <message>
        <source>&amp;City</source>
        <translation>&amp;Ort</translation>
    </message>
    <message>
        <source>S&amp;tate</source>
        <translation>Bundes&amp;land</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>&amp;Telefon</translation>
    </message>
    <message>
        <source>&amp;Website</source>
        <translation>&amp;Website</translation>
    </message>
    <message>
        <source>E-&amp;mail</source>
        <translation>&amp;E-Mail</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Fit %1 against “%2”</source>
        <translation>Passung %1 zu „%2“</translation>
    </message>
    <message>
        <source>(not in the core group)</source>
        <translation>(nicht in der Kerngruppe)</translation>
    </message>
    <message>
        <source>&amp;Log activity…</source>
        <translation>Aktivität &amp;erfassen…</translation>
    </message>
    <message>
        <source>Pla&amp;n touch…</source>
        <translation>Kontakt &amp;planen…</translation>
    </message>
    <message>
        <source>&amp;Done…</source>
        <translation>Erle&amp;digt…</translation>
    </message>
    <message>
        <source>Mark the chosen planned touch as done</source>
        <translation>Den gewählten geplanten Kontakt als erledigt markieren</translation>
    </message>
    <message>
        <source>Save the changes to the company first?</source>
        <translation>Die Änderungen am Unternehmen zuerst speichern?</translation>
    </message>
    <message>
        <source>%1 is stored as %2: German postcodes have five digits.</source>
        <translation>%1 wird als %2 gespeichert: Deutsche Postleitzahlen haben fünf Stellen.</translation>
    </message>
    <message>
        <source>%1 is the postcode of %2, not of %3.</source>
        <translation>%1 ist die Postleitzahl von %2, nicht von %3.</translation>
    </message>
    <message>
        <source>No place is known with the postcode %1.</source>
        <translation>Zur Postleitzahl %1 ist kein Ort bekannt.</translation>
    </message>
    <message>
        <source>%1 has the postcodes %2.</source>
        <translation>%1 hat die Postleitzahlen %2.</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>Noti&amp;zen</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>geplant</translation>
    </message>
    <message>
        <source>Cont&amp;acts ({count})</source>
        <translation>&amp;Ansprechpartner ({count})</translation>
    </message>
    <message>
        <source>The company must be saved before contacts can be added. Save it now?</source>
        <translation>Das Unternehmen muss gespeichert sein, bevor Sie Ansprechpartner hinzufügen können. Jetzt speichern?</translation>
    </message>
    <message>
        <source>Remove “{name}” from the contacts of this company? This cannot be undone.</source>
        <translation>„{name}“ aus den Ansprechpartnern dieses Unternehmens entfernen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Discard the changes you made to this company?</source>
        <translation>Die Änderungen an diesem Unternehmen verwerfen?</translation>
    </message>
</context>
<context>
    <name>CompanyFilterBar</name>
    <message>
        <source>Search name, place, postcode, phone, website or contact (Ctrl+F)</source>
        <translation>Name, Ort, PLZ, Telefon, Website oder Ansprechpartner suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Branche</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Bundesland</translation>
    </message>
    <message>
        <source>Postcode area, e.g. 7 or 80-85</source>
        <translation>PLZ, z. B. 7, 80-85</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Struktur</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Tätigkeit</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagworte</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Werbewiderspruch</translation>
    </message>
    <message>
        <source>A contact objected</source>
        <translation>Ein Ansprechpartner hat widersprochen</translation>
    </message>
    <message>
        <source>Nobody objected</source>
        <translation>Niemand hat widersprochen</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Passung</translation>
    </message>
    <message>
        <source>In the core group</source>
        <translation>In der Kerngruppe</translation>
    </message>
    <message>
        <source>Fit at least %1</source>
        <translation>Passung mindestens %1</translation>
    </message>
    <message>
        <source>Persona unknown</source>
        <translation>Zielperson unbekannt</translation>
    </message>
    <message>
        <source>Companies where no contact is known for the persona, e.g. the buyer</source>
        <translation>Unternehmen, in denen für die Zielperson noch niemand bekannt ist, z. B. für den Einkauf</translation>
    </message>
    <message>
        <source>Reset filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Kein Bearbeiter</translation>
    </message>
    <message>
        <source>Use digits, ranges and commas, e.g. 01, 04-09, 7</source>
        <translation>Verwenden Sie Ziffern, Bereiche und Kommas, z. B. 01, 04-09, 7</translation>
    </message>
</context>
<context>
    <name>CompanyLabels</name>
    <message>
        <source>Target</source>
        <translation>Zielunternehmen</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Verkaufschance</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Excluded</source>
        <translation>Ausgeschlossen</translation>
    </message>
    <message>
        <source>Micro (&lt; 10)</source>
        <translation>Kleinstunternehmen (&lt; 10)</translation>
    </message>
    <message>
        <source>Small (&lt; 50)</source>
        <translation>Kleines Unternehmen (&lt; 50)</translation>
    </message>
    <message>
        <source>Medium (&lt; 250)</source>
        <translation>Mittleres Unternehmen (&lt; 250)</translation>
    </message>
    <message>
        <source>Large (250+)</source>
        <translation>Großunternehmen (250+)</translation>
    </message>
    <message>
        <source>Micro</source>
        <translation>Kleinst</translation>
    </message>
    <message>
        <source>Small</source>
        <translation>Klein</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>Groß</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>VAT ID</source>
        <translation>USt-IdNr.</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>External system</source>
        <translation>Fremdsystem</translation>
    </message>
    <message>
        <source>Can approve the budget</source>
        <translation>Kann das Budget freigeben</translation>
    </message>
    <message>
        <source>Private person (consumer)</source>
        <translation>Privatperson (Verbraucher)</translation>
    </message>
    <message>
        <source>Person&apos;s notes</source>
        <translation>Notizen zur Person</translation>
    </message>
    <message>
        <source>same key of the other system</source>
        <translation>gleicher Schlüssel im anderen System</translation>
    </message>
    <message>
        <source>Legal form</source>
        <translation>Rechtsform</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Branche</translation>
    </message>
    <message>
        <source>WZ code</source>
        <translation>WZ-Code</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Turnover (EUR)</source>
        <translation>Umsatz (EUR)</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Struktur</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Tätigkeit</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>PLZ</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Bundesland</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <source>same name and postcode</source>
        <translation>gleicher Name und gleiche PLZ</translation>
    </message>
    <message>
        <source>same website</source>
        <translation>gleiche Website</translation>
    </message>
    <message>
        <source>same phone number</source>
        <translation>gleiche Telefonnummer</translation>
    </message>
    <message>
        <source>same name</source>
        <translation>gleicher Name</translation>
    </message>
    <message>
        <source>same ID</source>
        <translation>gleiche ID</translation>
    </message>
</context>
<context>
    <name>CompanyPicker</name>
    <message>
        <source>No company; type to search</source>
        <translation>Kein Unternehmen; zum Suchen tippen</translation>
    </message>
</context>
<context>
    <name>CompanyTableModel</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>PLZ</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Bundesland</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Branche</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>Nächste Wiedervorlage</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagworte</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Passung</translation>
    </message>
    <message>
        <source>Personas</source>
        <translation>Zielpersonen</translation>
    </message>
    <message>
        <source>Fit %1 against “%2”</source>
        <translation>Passung %1 zu „%2“</translation>
    </message>
</context>
<context>
    <name>ConcurrentEdit</name>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Weiter bearbeiten</translation>
    </message>
    <message>
        <source>Reload shows the stored values and drops your changes. Keep editing to copy your changes first.</source>
        <translation>„Neu laden“ zeigt die gespeicherten Werte und verwirft Ihre Änderungen. Mit „Weiter bearbeiten“ können Sie Ihre Änderungen vorher kopieren.</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Consents of %1</source>
        <translation>Einwilligungen von %1</translation>
    </message>
    <message>
        <source>A private person may be called or e-mailed for advertising only with their prior consent (UWG §7). Record when, how and to whom it was given; the record is kept for five years, also after a withdrawal.</source>
        <translation>Eine Privatperson darf zu Werbezwecken nur mit ihrer vorherigen Einwilligung angerufen oder angeschrieben werden (§ 7 UWG). Halten Sie fest, wann, wie und wem gegenüber sie erteilt wurde; der Nachweis wird fünf Jahre aufbewahrt, auch nach einem Widerruf.</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>Erteilt am</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Für</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Wie</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Aufgenommen von</translation>
    </message>
    <message>
        <source>Withdrawn on</source>
        <translation>Widerrufen am</translation>
    </message>
    <message>
        <source>Kept until</source>
        <translation>Aufbewahrt bis</translation>
    </message>
    <message>
        <source>&amp;Withdrawn today</source>
        <translation>Heute widerr&amp;ufen</translation>
    </message>
    <message>
        <source>Record a consent</source>
        <translation>Einwilligung erfassen</translation>
    </message>
    <message>
        <source>who took it, e.g. Anna Berger</source>
        <translation>wer sie aufgenommen hat, z. B. Anna Berger</translation>
    </message>
    <message>
        <source>what the person agreed to, in the words they were given</source>
        <translation>wozu die Person eingewilligt hat, im Wortlaut, der ihr vorlag</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Erfassen</translation>
    </message>
    <message>
        <source>&amp;Given on</source>
        <translation>Erteilt &amp;am</translation>
    </message>
    <message>
        <source>&amp;For</source>
        <translation>&amp;Für</translation>
    </message>
    <message>
        <source>&amp;How</source>
        <translation>&amp;Wie</translation>
    </message>
    <message>
        <source>Recorded &amp;by</source>
        <translation>Aufgenommen &amp;von</translation>
    </message>
    <message>
        <source>W&amp;ording</source>
        <translation>Wort&amp;laut</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>e.g. Dr.</source>
        <translation>z. B. Dr.</translation>
    </message>
    <message>
        <source>e.g. 0351 123456</source>
        <translation>z. B. 0351 123456</translation>
    </message>
    <message>
        <source>e.g. 0171 1234567</source>
        <translation>z. B. 0171 1234567</translation>
    </message>
    <message>
        <source>profile address</source>
        <translation>Profiladresse</translation>
    </message>
    <message>
        <source>e.g. trade fair, website, referral</source>
        <translation>z. B. Messe, Website, Empfehlung</translation>
    </message>
    <message>
        <source>Can approve the budget</source>
        <translation>Kann das Budget freigeben</translation>
    </message>
    <message>
        <source>Objected to being contacted</source>
        <translation>Hat der Kontaktaufnahme widersprochen</translation>
    </message>
    <message>
        <source>Private person (consumer)</source>
        <translation>Privatperson (Verbraucher)</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>Noti&amp;zen</translation>
    </message>
    <message>
        <source>Compa&amp;ny</source>
        <translation>&amp;Unternehmen</translation>
    </message>
    <message>
        <source>C&amp;onsents…</source>
        <translation>Ein&amp;willigungen…</translation>
    </message>
    <message>
        <source>&amp;Qualify…</source>
        <translation>&amp;Qualifizieren…</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Sal&amp;utation</source>
        <translation>&amp;Anrede</translation>
    </message>
    <message>
        <source>&amp;Academic title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <source>&amp;First name</source>
        <translation>&amp;Vorname</translation>
    </message>
    <message>
        <source>&amp;Last name *</source>
        <translation>&amp;Nachname *</translation>
    </message>
    <message>
        <source>&amp;Job title</source>
        <translation>&amp;Position</translation>
    </message>
    <message>
        <source>&amp;Department</source>
        <translation>Abte&amp;ilung</translation>
    </message>
    <message>
        <source>How to reach them</source>
        <translation>Erreichbarkeit</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>Tele&amp;fon</translation>
    </message>
    <message>
        <source>&amp;Mobile</source>
        <translation>&amp;Mobil</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-Mail</translation>
    </message>
    <message>
        <source>L&amp;inkedIn</source>
        <translation>&amp;LinkedIn</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Vertrieb</translation>
    </message>
    <message>
        <source>&amp;Persona</source>
        <translation>Zielpers&amp;on</translation>
    </message>
    <message>
        <source>De&amp;cision role</source>
        <translation>Entscheider&amp;rolle</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Lead s&amp;tatus</source>
        <translation>Lead-&amp;Status</translation>
    </message>
    <message>
        <source>O&amp;wner</source>
        <translation>&amp;Bearbeiter</translation>
    </message>
    <message>
        <source>Save the changes to this person first?</source>
        <translation>Die Änderungen an dieser Person zuerst speichern?</translation>
    </message>
    <message>
        <source>The four criteria: authority, need, budget and timing</source>
        <translation>Die vier Kriterien: Befugnis, Bedarf, Budget und Zeitpunkt</translation>
    </message>
    <message>
        <source>Save the person first; then qualify them.</source>
        <translation>Speichern Sie die Person zuerst; dann qualifizieren Sie sie.</translation>
    </message>
    <message>
        <source>Save the person first; then record their consents.</source>
        <translation>Speichern Sie die Person zuerst; dann erfassen Sie ihre Einwilligungen.</translation>
    </message>
    <message>
        <source>Data protection</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <source>Le&amp;gal basis</source>
        <translation>Rechts&amp;grundlage</translation>
    </message>
    <message>
        <source>Data sou&amp;rce</source>
        <translation>&amp;Datenquelle</translation>
    </message>
    <message>
        <source>Consumer</source>
        <translation>Verbraucher</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Werbewiderspruch</translation>
    </message>
    <message>
        <source>Objected on</source>
        <translation>Widersprochen am</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Neuer Ansprechpartner</translation>
    </message>
    <message>
        <source>Contact without a company</source>
        <translation>Ansprechpartner ohne Unternehmen</translation>
    </message>
    <message>
        <source>New contact at {company}</source>
        <translation>Neuer Ansprechpartner bei {company}</translation>
    </message>
    <message>
        <source>Contact at {company}</source>
        <translation>Ansprechpartner bei {company}</translation>
    </message>
    <message>
        <source>Discard the changes you made to this contact?</source>
        <translation>Die Änderungen an diesem Ansprechpartner verwerfen?</translation>
    </message>
    <message>
        <source>Choose a company from the list, or empty the field.</source>
        <translation>Wählen Sie ein Unternehmen aus der Liste, oder leeren Sie das Feld.</translation>
    </message>
</context>
<context>
    <name>ContactListModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Lead status</source>
        <translation>Lead-Status</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <source>Objected to being contacted.</source>
        <translation>Hat der Kontaktaufnahme widersprochen.</translation>
    </message>
</context>
<context>
    <name>ContactTableModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Decision role</source>
        <translation>Entscheiderrolle</translation>
    </message>
    <message>
        <source>Lead status</source>
        <translation>Lead-Status</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Werbewiderspruch</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>Objected to being contacted.</source>
        <translation>Hat der Kontaktaufnahme widersprochen.</translation>
    </message>
    <message>
        <source>Objected to being contacted on {date}.</source>
        <translation>Hat der Kontaktaufnahme am {date} widersprochen.</translation>
    </message>
</context>
<context>
    <name>ContactsPage</name>
    <message>
        <source>Search name, job title, e-mail or phone</source>
        <translation>Name, Position, E-Mail oder Telefon suchen</translation>
    </message>
    <message>
        <source>Only contacts without a company</source>
        <translation>Nur Ansprechpartner ohne Unternehmen</translation>
    </message>
    <message>
        <source>Every status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Leads being worked on</source>
        <translation>Leads in Bearbeitung</translation>
    </message>
    <message>
        <source>&amp;My leads</source>
        <translation>&amp;Meine Leads</translation>
    </message>
    <message>
        <source>New contact…</source>
        <translation>Neuer Ansprechpartner…</translation>
    </message>
    <message>
        <source>Add a person; link them to a company now or later</source>
        <translation>Eine Person anlegen; mit einem Unternehmen verknüpfen Sie sie jetzt oder später</translation>
    </message>
    <message>
        <source>&amp;Delete contact…</source>
        <translation>Ansprechpartner &amp;löschen…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln contacts</source>
        <translation>
            <numerusform>%Ln Ansprechpartner</numerusform>
            <numerusform>%Ln Ansprechpartner</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln contacts</source>
        <translation>
            <numerusform>%1 von %Ln Ansprechpartner</numerusform>
            <numerusform>%1 von %Ln Ansprechpartnern</numerusform>
        </translation>
    </message>
    <message>
        <source>No contacts yet. Add a person with New contact…, import an address book (Ctrl+I), or add contacts to a company in its form.</source>
        <translation>Noch keine Ansprechpartner. Legen Sie eine Person mit „Neuer Ansprechpartner…“ an, importieren Sie ein Adressbuch (Strg+I) oder erfassen Sie Ansprechpartner im Formular eines Unternehmens.</translation>
    </message>
    <message>
        <source>No contact matches the search.</source>
        <translation>Kein Ansprechpartner passt zur Suche.</translation>
    </message>
    <message>
        <source>Every contact belongs to a company.</source>
        <translation>Jeder Ansprechpartner gehört zu einem Unternehmen.</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>Ansprechpartner löschen</translation>
    </message>
    <message>
        <source>Delete “%1” for good, with their history? This cannot be undone.</source>
        <translation>„%1“ mit dem Verlauf endgültig löschen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
</context>
<context>
    <name>CriteriaEditor</name>
    <message>
        <source>Should</source>
        <translation>Soll</translation>
    </message>
    <message>
        <source>Must</source>
        <translation>Muss</translation>
    </message>
    <message>
        <source>Must: a company that does not meet it is not in the core group. Should: it raises the fit score by its weight.</source>
        <translation>Muss: Ein Unternehmen, das es nicht erfüllt, ist nicht in der Kerngruppe. Soll: Es erhöht die Passung um sein Gewicht.</translation>
    </message>
    <message>
        <source>How much a should-criterion counts (1 to 10)</source>
        <translation>Wie viel ein Soll-Kriterium zählt (1 bis 10)</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Kriterium</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Werte</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <source>WZ codes, e.g. 28, 10.7, C</source>
        <translation>WZ-Codes, z. B. 28, 10.7, C</translation>
    </message>
    <message>
        <source>WZ 2008 codes; each one stands for every code that starts with it. A section letter stands for its divisions.</source>
        <translation>Codes der WZ 2008; jeder steht für alle Codes, die mit ihm beginnen. Ein Abschnittsbuchstabe steht für seine Abteilungen.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Choose industries from the WZ 2008 classification</source>
        <translation>Branchen aus der Klassifikation WZ 2008 auswählen</translation>
    </message>
    <message>
        <source>Industry names</source>
        <translation>Branchennamen</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Branche</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>from</source>
        <translation>von</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Turnover (million €)</source>
        <translation>Umsatz (Mio. €)</translation>
    </message>
    <message>
        <source>Size classes</source>
        <translation>Größenklassen</translation>
    </message>
    <message>
        <source>Size (EU)</source>
        <translation>Größe (EU)</translation>
    </message>
    <message>
        <source>Countries</source>
        <translation>Länder</translation>
    </message>
    <message>
        <source>States</source>
        <translation>Bundesländer</translation>
    </message>
    <message>
        <source>Postcode areas, e.g. 7, 80-85</source>
        <translation>PLZ-Gebiete, z. B. 7, 80-85</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Structures</source>
        <translation>Strukturen</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Struktur</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Tätigkeiten</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Tätigkeit</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Required tags</source>
        <translation>Erforderliche Tags</translation>
    </message>
    <message>
        <source>Excluded tags</source>
        <translation>Ausgeschlossene Tags</translation>
    </message>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source>Write postcode areas as 7 or 80-85, separated by commas.</source>
        <translation>PLZ-Gebiete als 7 oder 80-85 schreiben, durch Kommas getrennt.</translation>
    </message>
    <message>
        <source>excludes %1</source>
        <translation>schließt %1 aus</translation>
    </message>
    <message>
        <source>Without this criterion alone, %1 more companies would be in the core group.</source>
        <translation>Ohne dieses Kriterium allein wären %1 Unternehmen mehr in der Kerngruppe.</translation>
    </message>
    <message>
        <source>%1 do not meet it</source>
        <translation>%1 erfüllen es nicht</translation>
    </message>
</context>
<context>
    <name>CriterionBox</name>
    <message>
        <source>What shows it: who said what, and when</source>
        <translation>Woran es sich zeigt: wer was wann gesagt hat</translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>Nachweis:</translation>
    </message>
    <message>
        <source>Not checked yet.</source>
        <translation>Noch nicht geprüft.</translation>
    </message>
    <message>
        <source>Checked on %1 by %2.</source>
        <translation>Geprüft am %1 von %2.</translation>
    </message>
    <message>
        <source>Checked on %1.</source>
        <translation>Geprüft am %1.</translation>
    </message>
    <message>
        <source>Required for met: who said what, and when</source>
        <translation>Pflicht für „Erfüllt“: wer was wann gesagt hat</translation>
    </message>
</context>
<context>
    <name>DatabaseCare</name>
    <message>
        <source>Backing up…</source>
        <translation>Sichere…</translation>
    </message>
    <message>
        <source>Daily backup saved: %1</source>
        <translation>Tägliche Sicherung gespeichert: %1</translation>
    </message>
    <message>
        <source>Checking the database…</source>
        <translation>Prüfe die Datenbank…</translation>
    </message>
</context>
<context>
    <name>DisqualifyDialog</name>
    <message>
        <source>Disqualify the lead</source>
        <translation>Lead disqualifizieren</translation>
    </message>
    <message>
        <source>Choose a reason</source>
        <translation>Grund auswählen</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>&amp;Details:</source>
        <translation>&amp;Details:</translation>
    </message>
    <message>
        <source>Disqualify</source>
        <translation>Disqualifizieren</translation>
    </message>
    <message>
        <source>Choose why the lead is disqualified.</source>
        <translation>Wählen Sie aus, warum der Lead disqualifiziert wird.</translation>
    </message>
</context>
<context>
    <name>DueTodayDialog</name>
    <message>
        <source>Due today</source>
        <translation>Heute fällig</translation>
    </message>
    <message numerus="yes">
        <source>%Ln touch(es) due today or earlier</source>
        <translation>
            <numerusform>%Ln Kontakt heute oder früher fällig</numerusform>
            <numerusform>%Ln Kontakte heute oder früher fällig</numerusform>
        </translation>
    </message>
    <message>
        <source>, {count} of them overdue.</source>
        <translation>, davon {count} überfällig.</translation>
    </message>
    <message>
        <source>&amp;Show this list when Prospector starts</source>
        <translation>Diese Liste beim &amp;Start von Prospector zeigen</translation>
    </message>
    <message>
        <source>Open the &amp;calendar</source>
        <translation>&amp;Kalender öffnen</translation>
    </message>
</context>
<context>
    <name>DuplicateDialog</name>
    <message>
        <source>Possible duplicate</source>
        <translation>Mögliche Dublette</translation>
    </message>
    <message>
        <source>“%1” looks like a company that is already there:</source>
        <translation>„%1“ ähnelt einem Unternehmen, das bereits vorhanden ist:</translation>
    </message>
    <message>
        <source>Open the existing company instead, merge this one into it, or keep both as separate companies?</source>
        <translation>Möchten Sie stattdessen das vorhandene Unternehmen öffnen, dieses mit ihm zusammenführen oder beide als getrennte Unternehmen behalten?</translation>
    </message>
    <message>
        <source>&amp;Open existing</source>
        <translation>Vorhandenes &amp;öffnen</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>&amp;Zusammenführen…</translation>
    </message>
    <message>
        <source>&amp;Keep both</source>
        <translation>Beide &amp;behalten</translation>
    </message>
    <message>
        <source>&amp;Back to editing</source>
        <translation>&amp;Weiter bearbeiten</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <source>&amp;Skip them</source>
        <translation>&amp;Überspringen</translation>
    </message>
    <message>
        <source>The company in the database stays as it is; persons in the row are still added to it.</source>
        <translation>Das Unternehmen in der Datenbank bleibt, wie es ist; Personen aus der Zeile werden ihm trotzdem hinzugefügt.</translation>
    </message>
    <message>
        <source>&amp;Fill in empty fields</source>
        <translation>&amp;Leere Felder ergänzen</translation>
    </message>
    <message>
        <source>Fields that are empty in the database are filled from the file; nothing already there is changed.</source>
        <translation>Felder, die in der Datenbank leer sind, werden aus der Datei ergänzt; vorhandene Angaben bleiben unverändert.</translation>
    </message>
    <message>
        <source>&amp;Overwrite with the file&apos;s values</source>
        <translation>Mit den Werten der Datei über&amp;schreiben</translation>
    </message>
    <message>
        <source>Every value the file has replaces the one in the database; empty cells change nothing.</source>
        <translation>Jeder Wert aus der Datei ersetzt den Wert in der Datenbank; leere Zellen ändern nichts.</translation>
    </message>
    <message>
        <source>&amp;Keep both</source>
        <translation>Beide &amp;behalten</translation>
    </message>
    <message>
        <source>The row is stored as a new company next to the one already there. You can merge them later.</source>
        <translation>Die Zeile wird als neues Unternehmen neben dem vorhandenen gespeichert. Sie können beide später zusammenführen.</translation>
    </message>
    <message>
        <source>&amp;Import them with notes</source>
        <translation>Mit &amp;Hinweisen importieren</translation>
    </message>
    <message>
        <source>A value that does not fit its field (a phone number without its area code, a country the program does not know) leaves the field empty; the value itself is kept in the record&apos;s notes.</source>
        <translation>Ein Wert, der nicht in sein Feld passt (eine Telefonnummer ohne Vorwahl, ein unbekanntes Land), bleibt im Feld leer; der Wert selbst wird in den Notizen des Eintrags aufbewahrt.</translation>
    </message>
    <message>
        <source>&amp;Leave them out</source>
        <translation>&amp;Auslassen</translation>
    </message>
    <message>
        <source>Only rows without any problem are imported; the others are listed at the end and can be saved to a file to correct them.</source>
        <translation>Nur Zeilen ohne jedes Problem werden importiert; die übrigen werden am Ende aufgelistet und können zum Korrigieren in eine Datei gespeichert werden.</translation>
    </message>
    <message>
        <source>Companies already in the database</source>
        <translation>Bereits vorhandene Unternehmen</translation>
    </message>
    <message>
        <source>What should happen to rows for companies you already have?</source>
        <translation>Was soll mit Zeilen zu Unternehmen geschehen, die Sie schon haben?</translation>
    </message>
    <message>
        <source>A row is taken for a company you already have when it has the same name and postcode, the same website or the same phone number, or the ID of an earlier export.</source>
        <translation>Eine Zeile gilt als Dublette eines vorhandenen Unternehmens, wenn sie den gleichen Namen und die gleiche PLZ, die gleiche Website oder die gleiche Telefonnummer hat oder die ID aus einem früheren Export trägt.</translation>
    </message>
    <message>
        <source>Inside the file, rows that name the same company again become one company: the first row creates it, the later ones add their persons (with “Keep both”, each row stays a company of its own). Rows with keys of their own in another system (a customer number, a bank code) are different companies, even with the same name and place.</source>
        <translation>Innerhalb der Datei werden Zeilen, die dasselbe Unternehmen noch einmal nennen, zu einem Unternehmen: Die erste Zeile legt es an, die späteren fügen ihre Personen hinzu (mit „Beide behalten“ bleibt jede Zeile ein eigenes Unternehmen). Zeilen mit eigenem Schlüssel in einem anderen System (Kundennummer, Bankleitzahl) sind verschiedene Unternehmen, auch bei gleichem Namen und Ort.</translation>
    </message>
    <message>
        <source>Rows with problems</source>
        <translation>Zeilen mit Problemen</translation>
    </message>
    <message>
        <source>Persons without a company</source>
        <translation>Personen ohne Firma</translation>
    </message>
    <message>
        <source>Create &amp;companies from e-mail domains</source>
        <translation>&amp;Firmen aus E-Mail-Domains anlegen</translation>
    </message>
    <message>
        <source>A person whose row names no company gets the company of their business address: vertrieb@mueller-maschinenbau.de goes to “mueller-maschinenbau.de”, found by its website or created. Addresses of free-mail providers (gmail.com, web.de, gmx.de …) never make a company. Otherwise such persons are imported without a company.</source>
        <translation>Eine Person, deren Zeile keine Firma nennt, kommt zur Firma ihrer geschäftlichen Adresse: vertrieb@mueller-maschinenbau.de gehört zu „mueller-maschinenbau.de“, gefunden über die Website oder neu angelegt. Adressen von Freemail-Anbietern (gmail.com, web.de, gmx.de …) ergeben nie eine Firma. Sonst werden solche Personen ohne Firma importiert.</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Instructions</source>
        <translation>Anleitung</translation>
    </message>
    <message>
        <source>Export from Prospector</source>
        <translation>Export aus Prospector</translation>
    </message>
    <message>
        <source>Edit this file and import it again (File → Import spreadsheet…): rows with an ID update their records, and only the cells you changed change.</source>
        <translation>Bearbeiten Sie diese Datei und importieren Sie sie wieder (Datei → Tabelle importieren…): Zeilen mit ID aktualisieren ihre Einträge, und nur die geänderten Zellen ändern sich.</translation>
    </message>
    <message>
        <source>Import template for Prospector</source>
        <translation>Importvorlage für Prospector</translation>
    </message>
    <message>
        <source>Sheet “Unternehmen”: one row per company. “Firma” is required.</source>
        <translation>Blatt „Unternehmen“: eine Zeile je Unternehmen. Pflichtfeld ist „Firma“.</translation>
    </message>
    <message>
        <source>Sheet “Ansprechpartner”: one row per person. “Nachname” is required; “Firma” (or the company’s “ID”) links the person to their company; for a person without a company both stay empty.</source>
        <translation>Blatt „Ansprechpartner“: eine Zeile je Person. Pflichtfeld ist „Nachname“; „Firma“ (oder die „ID“ des Unternehmens) ordnet die Person ihrem Unternehmen zu; bei einer Person ohne Unternehmen bleiben beide leer.</translation>
    </message>
    <message>
        <source>Sheet “Aktivitäten”: one row per activity, done or planned. It is imported with File → Import activities… (or main.py import-activities): rows with an “Aktivität-ID” update their activity, new rows (the company by “ID” or “Firma”) plan touches; a date without a time plans for the day.</source>
        <translation>Blatt „Aktivitäten“: eine Zeile je Aktivität, erledigt oder geplant. Es wird über Datei → Aktivitäten importieren… (oder main.py import-activities) eingelesen: Zeilen mit einer „Aktivität-ID“ ändern ihre Aktivität, neue Zeilen (das Unternehmen über „ID“ oder „Firma“) planen Kontakte; ein Datum ohne Uhrzeit plant für den ganzen Tag.</translation>
    </message>
    <message>
        <source>Leave the columns “ID” and “Ansprechpartner-ID” empty for new entries. An export fills them so that importing it again updates the entries instead of adding them twice.</source>
        <translation>Die Spalten „ID“ und „Ansprechpartner-ID“ bleiben bei neuen Einträgen leer. Ein Export füllt sie, damit ein erneuter Import vorhandene Einträge aktualisiert, statt sie doppelt anzulegen.</translation>
    </message>
    <message>
        <source>Enter postcodes as text, with the leading zero: 01069, not 1069 (the columns PLZ, WZ-Code and Telefon are formatted as text).</source>
        <translation>Postleitzahlen als Text eingeben, mit führender Null: 01069, nicht 1069 (die Spalten PLZ, WZ-Code und Telefon sind als Text formatiert).</translation>
    </message>
    <message>
        <source>Phone numbers as usual, e.g. 0351 1234567 or +49 351 1234567.</source>
        <translation>Telefonnummern wie gewohnt, z. B. 0351 1234567 oder +49 351 1234567.</translation>
    </message>
    <message>
        <source>Dates as DD.MM.YYYY, e.g. 31.12.2025.</source>
        <translation>Datumsangaben als TT.MM.JJJJ, z. B. 31.12.2025.</translation>
    </message>
    <message>
        <source>Separate several tags with commas, e.g. “Messe 2025, Bestandskunde”.</source>
        <translation>Mehrere Schlagworte durch Komma trennen, z. B. „Messe 2025, Bestandskunde“.</translation>
    </message>
    <message>
        <source>Choice columns (Struktur, Tätigkeit, Phase, Anrede, Entscheiderrolle, Lead-Status, Rechtsgrundlage) take their words in German or English; a word the import does not know becomes a tag.</source>
        <translation>Auswahlspalten (Struktur, Tätigkeit, Phase, Anrede, Entscheiderrolle, Lead-Status, Rechtsgrundlage) nehmen ihre Begriffe auf Deutsch oder Englisch an; einen Begriff, den der Import nicht kennt, übernimmt er als Schlagwort.</translation>
    </message>
    <message>
        <source>Yes/no columns (Kein Kontakt, Budgetbefugnis, Verbraucher): “ja” or “yes” for yes, empty for no.</source>
        <translation>Ja/Nein-Spalten (Kein Kontakt, Budgetbefugnis, Verbraucher): „ja“ oder „yes“ für ja, leer für nein.</translation>
    </message>
    <message>
        <source>“Bearbeiter”: the name of a team member as the team list has it; “Bearbeiter Ansprechpartner”: the person’s own, where it is not the company’s.</source>
        <translation>„Bearbeiter“: der Name eines Teammitglieds, wie ihn die Teamliste führt; „Bearbeiter Ansprechpartner“: der eigene der Person, wo er nicht der des Unternehmens ist.</translation>
    </message>
    <message>
        <source>“Fremdschlüssel” and “Fremdsystem”: the company’s key in another system (a customer number, say) and that system’s name.</source>
        <translation>„Fremdschlüssel“ und „Fremdsystem“: der Schlüssel des Unternehmens in einem anderen System (etwa eine Kundennummer) und der Name dieses Systems.</translation>
    </message>
    <message>
        <source>“Größenklasse” (EU size class) follows from “Mitarbeiter” and “Umsatz (EUR)”: the import does not read it; change those two instead.</source>
        <translation>„Größenklasse“ (EU-Größenklasse) ergibt sich aus „Mitarbeiter“ und „Umsatz (EUR)“: Der Import liest sie nicht; ändern Sie stattdessen diese beiden.</translation>
    </message>
    <message>
        <source>Do not change the column headers. Columns you do not need may stay empty.</source>
        <translation>Die Spaltenüberschriften nicht ändern. Nicht benötigte Spalten dürfen leer bleiben.</translation>
    </message>
    <message>
        <source>The import skips this sheet “{sheet}”.</source>
        <translation>Dieses Blatt „{sheet}“ überspringt der Import.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
</context>
<context>
    <name>FieldCombo</name>
    <message>
        <source>Company fields</source>
        <translation>Felder des Unternehmens</translation>
    </message>
    <message>
        <source>Person fields</source>
        <translation>Felder der Person</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
</context>
<context>
    <name>FileClaim</name>
    <message>
        <source>Database in use</source>
        <translation>Datenbank in Benutzung</translation>
    </message>
    <message>
        <source>%1 was not closed properly: Prospector ended on this computer without closing it (user %2, since %3).</source>
        <translation>%1 wurde nicht ordnungsgemäß geschlossen: Prospector wurde auf diesem Computer beendet, ohne sie zu schließen (Benutzer %2, seit %3).</translation>
    </message>
    <message>
        <source>This happens after a crash or a power cut. Nobody has it open now; it can be opened.</source>
        <translation>Das geschieht nach einem Absturz oder Stromausfall. Niemand hat sie jetzt geöffnet; sie kann geöffnet werden.</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>%1 is already open in another Prospector window on this computer (user %2, since %3).</source>
        <translation>%1 ist bereits in einem anderen Prospector-Fenster auf diesem Computer geöffnet (Benutzer %2, seit %3).</translation>
    </message>
    <message>
        <source>Close it there, or choose another database.</source>
        <translation>Schließen Sie sie dort, oder wählen Sie eine andere Datenbank.</translation>
    </message>
    <message>
        <source>%1 is open on the computer %2 by %3 since %4.</source>
        <translation>%1 ist auf dem Computer %2 von %3 geöffnet, seit %4.</translation>
    </message>
    <message>
        <source>Two people working in one database file can lose each other&apos;s changes. Open it anyway only if Prospector is closed on that computer (or it crashed there). For a team, use a PostgreSQL server.</source>
        <translation>Arbeiten zwei Personen in einer Datenbankdatei, können Änderungen des anderen verloren gehen. Öffnen Sie sie trotzdem nur, wenn Prospector auf jenem Computer geschlossen (oder dort abgestürzt) ist. Für ein Team nutzen Sie einen PostgreSQL-Server.</translation>
    </message>
    <message>
        <source>Open &amp;anyway</source>
        <translation>&amp;Trotzdem öffnen</translation>
    </message>
    <message>
        <source>&amp;Choose another database…</source>
        <translation>&amp;Andere Datenbank wählen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Database on a network drive</source>
        <translation>Datenbank auf einem Netzlaufwerk</translation>
    </message>
    <message>
        <source>%1 lies on a network drive (%2). SQLite, which stores it, warns that its locks do not work reliably over a network: changes can be lost or the file damaged. Keep the file on this computer, or use a PostgreSQL server for a team.</source>
        <translation>%1 liegt auf einem Netzlaufwerk (%2). SQLite, das sie speichert, warnt, dass seine Sperren über ein Netzwerk nicht zuverlässig wirken: Änderungen können verloren gehen oder die Datei beschädigt werden. Legen Sie die Datei auf diesen Computer, oder nutzen Sie für ein Team einen PostgreSQL-Server.</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Excel and CSV (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)</source>
        <translation>Excel und CSV (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel-Arbeitsmappe (.xlsx)</translation>
    </message>
    <message>
        <source>Excel workbook with macros (.xlsm)</source>
        <translation>Excel-Arbeitsmappe mit Makros (.xlsm)</translation>
    </message>
    <message>
        <source>Excel 97–2003 workbook (.xls)</source>
        <translation>Excel 97–2003-Arbeitsmappe (.xls)</translation>
    </message>
    <message>
        <source>OpenDocument spreadsheet (.ods)</source>
        <translation>OpenDocument-Tabellendokument (.ods)</translation>
    </message>
    <message>
        <source>CSV text file</source>
        <translation>CSV-Textdatei</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>UTF-8 (with byte order mark)</source>
        <translation>UTF-8 (mit BOM)</translation>
    </message>
    <message>
        <source>Windows-1252 (Western European)</source>
        <translation>Windows-1252 (Westeuropäisch)</translation>
    </message>
    <message>
        <source>ISO 8859-1 (Western European)</source>
        <translation>ISO 8859-1 (Westeuropäisch)</translation>
    </message>
    <message>
        <source>UTF-16</source>
        <translation>UTF-16</translation>
    </message>
    <message>
        <source>semicolon (;)</source>
        <translation>Semikolon (;)</translation>
    </message>
    <message>
        <source>comma (,)</source>
        <translation>Komma (,)</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <source>vertical bar (|)</source>
        <translation>Senkrechter Strich (|)</translation>
    </message>
    <message>
        <source>%1 (instructions)</source>
        <translation>%1 (Anleitung)</translation>
    </message>
    <message>
        <source>%1 (hidden)</source>
        <translation>%1 (ausgeblendet)</translation>
    </message>
    <message>
        <source>This sheet holds instructions, not a table of records: it cannot be imported.</source>
        <translation>Dieses Tabellenblatt enthält eine Anleitung, keine Tabelle mit Einträgen: Es kann nicht importiert werden.</translation>
    </message>
    <message>
        <source>Choose a spreadsheet</source>
        <translation>Tabelle auswählen</translation>
    </message>
    <message>
        <source>An Excel workbook or a CSV file with your companies and contacts, one per row. Title rows above the column names are skipped.</source>
        <translation>Eine Excel-Arbeitsmappe oder CSV-Datei mit Ihren Unternehmen und Ansprechpartnern, ein Datensatz pro Zeile. Titelzeilen über der Kopfzeile werden übersprungen.</translation>
    </message>
    <message>
        <source>No file chosen yet</source>
        <translation>Noch keine Datei ausgewählt</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Auswählen…</translation>
    </message>
    <message>
        <source>Other &amp;row…</source>
        <translation>Andere &amp;Zeile…</translation>
    </message>
    <message>
        <source>Choose the row that holds the column names</source>
        <translation>Wählen Sie die Zeile mit den Spaltennamen</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>Zeichenkodierung:</translation>
    </message>
    <message>
        <source>Separator:</source>
        <translation>Trennzeichen:</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>&amp;Tabellenblatt:</translation>
    </message>
    <message>
        <source>Found:</source>
        <translation>Gefunden:</translation>
    </message>
    <message>
        <source>Import spreadsheet</source>
        <translation>Tabelle importieren</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen …</translation>
    </message>
    <message>
        <source>Reading the first rows…</source>
        <translation>Die ersten Zeilen werden gelesen …</translation>
    </message>
    <message>
        <source>Reading the sheet %1…</source>
        <translation>Tabellenblatt %1 wird gelesen …</translation>
    </message>
    <message>
        <source>No row naming the columns was found at the top of the sheet. Choose the row that holds the column names; the rows below it are read as data.</source>
        <translation>Oben im Tabellenblatt wurde keine Zeile mit Spaltennamen gefunden. Wählen Sie die Zeile mit den Spaltennamen; die Zeilen darunter werden als Daten gelesen.</translation>
    </message>
    <message>
        <source>Choose the row that holds the column names; the rows below it are read as data.</source>
        <translation>Wählen Sie die Zeile mit den Spaltennamen; die Zeilen darunter werden als Daten gelesen.</translation>
    </message>
    <message>
        <source>Reading was cancelled. Choose the file or a sheet again to go on.</source>
        <translation>Das Lesen wurde abgebrochen. Wählen Sie die Datei oder ein Tabellenblatt erneut, um fortzufahren.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows of data; the column names are in row %1.</source>
        <translation>
            <numerusform>%Ln Datenzeile; die Spaltennamen stehen in Zeile %1.</numerusform>
            <numerusform>%Ln Datenzeilen; die Spaltennamen stehen in Zeile %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FitLabels</name>
    <message>
        <source>Industry</source>
        <translation>Branche</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Turnover</source>
        <translation>Umsatz</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Struktur</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Tätigkeit</translation>
    </message>
    <message>
        <source>Required tags</source>
        <translation>Erforderliche Tags</translation>
    </message>
    <message>
        <source>Excluded tags</source>
        <translation>Ausgeschlossene Tags</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>met: {criteria}</source>
        <translation>erfüllt: {criteria}</translation>
    </message>
    <message>
        <source>not met: {criteria}</source>
        <translation>nicht erfüllt: {criteria}</translation>
    </message>
</context>
<context>
    <name>ForgottenModel</name>
    <message>
        <source>in nurturing, nothing planned</source>
        <translation>in Lead-Pflege, nichts geplant</translation>
    </message>
    <message>
        <source>never touched, nothing planned</source>
        <translation>nie kontaktiert, nichts geplant</translation>
    </message>
    <message numerus="yes">
        <source>no touch for %Ln day(s)</source>
        <translation>
            <numerusform>seit %Ln Tag kein Kontakt</numerusform>
            <numerusform>seit %Ln Tagen kein Kontakt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FunnelChart</name>
    <message>
        <source>Planned (rule of ten)</source>
        <translation>Geplant (Zehnerregel)</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Tatsächlich</translation>
    </message>
    <message>
        <source>logarithmic scale</source>
        <translation>logarithmische Skala</translation>
    </message>
</context>
<context>
    <name>HeaderRowPicker</name>
    <message>
        <source>Row with the column names</source>
        <translation>Zeile mit den Spaltennamen</translation>
    </message>
    <message>
        <source>&amp;Use the selected row</source>
        <translation>Markierte Zeile &amp;verwenden</translation>
    </message>
    <message>
        <source>&amp;Use row %1 as the column names</source>
        <translation>Zeile %1 als Spaltennamen &amp;verwenden</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>Prospector user guide</source>
        <translation>Prospector – Benutzerhandbuch</translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation>Erste Schritte</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>Editing a company</source>
        <translation>Ein Unternehmen bearbeiten</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>Ideal customer</source>
        <translation>Idealer Kunde</translation>
    </message>
    <message>
        <source>Personas</source>
        <translation>Zielpersonen</translation>
    </message>
    <message>
        <source>Funnel planning</source>
        <translation>Trichterplanung</translation>
    </message>
    <message>
        <source>Qualifying leads</source>
        <translation>Leads qualifizieren</translation>
    </message>
    <message>
        <source>Opportunities</source>
        <translation>Verkaufschancen</translation>
    </message>
    <message>
        <source>Team and capacity</source>
        <translation>Team und Kapazität</translation>
    </message>
    <message>
        <source>Nurturing: activities and plans</source>
        <translation>Lead-Pflege: Aktivitäten und Pflegepläne</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Kalender</translation>
    </message>
    <message>
        <source>Call day</source>
        <translation>Anruftag</translation>
    </message>
    <message>
        <source>Importing spreadsheets</source>
        <translation>Tabellen importieren</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Undo and redo</source>
        <translation>Rückgängig und Wiederholen</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message>
        <source>Backups and checks</source>
        <translation>Sicherungen und Prüfung</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Settings and language</source>
        <translation>Einstellungen und Sprache</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <source>Import history</source>
        <translation>Import-Verlauf</translation>
    </message>
    <message>
        <source>Undoing an import deletes the companies and contacts it added and puts back what it changed in companies that were already there.</source>
        <translation>Wenn Sie einen Import rückgängig machen, werden die Unternehmen und Ansprechpartner gelöscht, die er angelegt hat, und seine Änderungen an schon vorhandenen Unternehmen werden zurückgenommen.</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Imported on</source>
        <translation>Importiert am</translation>
    </message>
    <message>
        <source>New companies</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Nothing has been imported yet.</source>
        <translation>Es wurde noch nichts importiert.</translation>
    </message>
    <message>
        <source>&amp;Undo…</source>
        <translation>&amp;Rückgängig machen…</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>Nicht abgeschlossen</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Rückgängig gemacht</translation>
    </message>
    <message>
        <source>Undo import</source>
        <translation>Import rückgängig machen</translation>
    </message>
    <message>
        <source>Undoing the import of %1…</source>
        <translation>Import von %1 wird rückgängig gemacht …</translation>
    </message>
    <message numerus="yes">
        <source>%Ln companies it added will be deleted.</source>
        <translation>
            <numerusform>%Ln vom Import angelegtes Unternehmen wird gelöscht.</numerusform>
            <numerusform>%Ln vom Import angelegte Unternehmen werden gelöscht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln contacts it added will be deleted.</source>
        <translation>
            <numerusform>%Ln vom Import angelegter Ansprechpartner wird gelöscht.</numerusform>
            <numerusform>%Ln vom Import angelegte Ansprechpartner werden gelöscht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln companies it updated get their earlier values back.</source>
        <translation>
            <numerusform>%Ln vom Import geändertes Unternehmen erhält seine früheren Werte zurück.</numerusform>
            <numerusform>%Ln vom Import geänderte Unternehmen erhalten ihre früheren Werte zurück.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln contacts it updated get their earlier values back.</source>
        <translation>
            <numerusform>%Ln vom Import geänderter Ansprechpartner erhält seine früheren Werte zurück.</numerusform>
            <numerusform>%Ln vom Import geänderte Ansprechpartner erhalten ihre früheren Werte zurück.</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo import number %1 of “%2”?</source>
        <translation>Import Nr. %1 von „%2“ rückgängig machen?</translation>
    </message>
    <message numerus="yes">
        <source>and %Ln more</source>
        <translation>
            <numerusform>und %Ln weiteres</numerusform>
            <numerusform>und %Ln weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>These companies were edited after the import; those edits will be lost too: %1</source>
        <translation>Diese Unternehmen wurden nach dem Import bearbeitet; auch diese Änderungen gehen verloren: %1</translation>
    </message>
    <message>
        <source>Import number %1 was undone.</source>
        <translation>Import Nr. %1 wurde rückgängig gemacht.</translation>
    </message>
    <message>
        <source>Undo cancelled; nothing was changed.</source>
        <translation>Rückgängigmachen abgebrochen; es wurde nichts geändert.</translation>
    </message>
</context>
<context>
    <name>ImportMapping</name>
    <message>
        <source>--map needs HEADER=FIELD, not “{option}”.</source>
        <translation>--map braucht SPALTE=FELD, nicht „{option}“.</translation>
    </message>
    <message>
        <source>--map: there is no field “{field}”; main.py import --list-fields lists them.</source>
        <translation>--map: Es gibt kein Feld „{field}“; main.py import --list-fields listet alle auf.</translation>
    </message>
    <message>
        <source>--map: the file has no column “{header}”.</source>
        <translation>--map: Die Datei hat keine Spalte „{header}“.</translation>
    </message>
    <message>
        <source>--map: the file has no column “{header}”; did you mean “{close}”?</source>
        <translation>--map: Die Datei hat keine Spalte „{header}“; meinten Sie „{close}“?</translation>
    </message>
    <message>
        <source>Columns and their fields:</source>
        <translation>Spalten und ihre Felder:</translation>
    </message>
    <message>
        <source>(column {n})</source>
        <translation>(Spalte {n})</translation>
    </message>
    <message>
        <source>{header} -&gt; {field} ({confidence} %, {how})</source>
        <translation>{header} -&gt; {field} ({confidence} %, {how})</translation>
    </message>
    <message>
        <source>and {n} more</source>
        <translation>und {n} weitere</translation>
    </message>
    <message>
        <source>Ignored: {columns}</source>
        <translation>Ignoriert: {columns}</translation>
    </message>
    <message>
        <source>remembered</source>
        <translation>wie zuletzt</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exakt</translation>
    </message>
    <message>
        <source>synonym</source>
        <translation>Synonym</translation>
    </message>
    <message>
        <source>fuzzy, like “{name}”</source>
        <translation>ähnlich, wie „{name}“</translation>
    </message>
    <message>
        <source>--map</source>
        <translation>--map</translation>
    </message>
</context>
<context>
    <name>ImportMessages</name>
    <message>
        <source>Company name</source>
        <translation>Unternehmensname</translation>
    </message>
    <message>
        <source>Company ID (from an export)</source>
        <translation>Unternehmens-ID (aus Export)</translation>
    </message>
    <message>
        <source>Person ID (from an export)</source>
        <translation>Personen-ID (aus Export)</translation>
    </message>
    <message>
        <source>Row type (company or person)</source>
        <translation>Zeilenart (Unternehmen/Person)</translation>
    </message>
    <message>
        <source>Is a company (yes or no)</source>
        <translation>Ist ein Unternehmen (ja oder nein)</translation>
    </message>
    <message>
        <source>Address type (home or work)</source>
        <translation>Adresstyp (privat oder geschäftlich)</translation>
    </message>
    <message>
        <source>External reference (ID in another system)</source>
        <translation>Fremdschlüssel (ID im anderen System)</translation>
    </message>
    <message>
        <source>VAT ID</source>
        <translation>USt-IdNr.</translation>
    </message>
    <message>
        <source>Person&apos;s company</source>
        <translation>Unternehmen der Person</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagworte</translation>
    </message>
    <message>
        <source>Salutation</source>
        <translation>Anrede</translation>
    </message>
    <message>
        <source>Academic title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Vollständiger Name</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>Direct phone</source>
        <translation>Durchwahl</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobil</translation>
    </message>
    <message>
        <source>Person&apos;s e-mail</source>
        <translation>E-Mail der Person</translation>
    </message>
    <message>
        <source>LinkedIn</source>
        <translation>LinkedIn</translation>
    </message>
    <message>
        <source>Decision role</source>
        <translation>Entscheiderrolle</translation>
    </message>
    <message>
        <source>Lead status</source>
        <translation>Lead-Status</translation>
    </message>
    <message>
        <source>Person&apos;s owner</source>
        <translation>Bearbeiter der Person</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Rechtsgrundlage</translation>
    </message>
    <message>
        <source>Data source</source>
        <translation>Datenquelle</translation>
    </message>
    <message>
        <source>Do not contact (objection)</source>
        <translation>Kein Kontakt (Widerspruch)</translation>
    </message>
    <message>
        <source>Objection since</source>
        <translation>Widerspruch am</translation>
    </message>
    <message>
        <source>Reason for the objection</source>
        <translation>Grund des Widerspruchs</translation>
    </message>
    <message>
        <source>Area code (of the phone column)</source>
        <translation>Vorwahl (der Telefonspalte)</translation>
    </message>
    <message>
        <source>“{value}” is not a postcode (country: {country}, e.g. {example}).</source>
        <translation>„{value}“ ist keine Postleitzahl (Land: {country}, z. B. {example}).</translation>
    </message>
    <message>
        <source>“{value}” is not a country.</source>
        <translation>„{value}“ ist kein Land.</translation>
    </message>
    <message>
        <source>“{value}” is not a valid VAT ID.</source>
        <translation>„{value}“ ist keine gültige USt-IdNr.</translation>
    </message>
    <message>
        <source>“{value}” (kept here: only companies have tags).</source>
        <translation>„{value}“ (hier aufbewahrt: nur Firmen haben Schlagworte).</translation>
    </message>
    <message>
        <source>the person was erased at their request (GDPR Art. 17) and is not imported again.</source>
        <translation>die Person wurde auf ihr Verlangen gelöscht (Art. 17 DSGVO) und wird nicht wieder importiert.</translation>
    </message>
    <message>
        <source>“{value}” is not a member of the team; kept as a tag.</source>
        <translation>„{value}“ gehört nicht zum Team; als Schlagwort übernommen.</translation>
    </message>
    <message>
        <source>also given: “{value}”.</source>
        <translation>außerdem angegeben: „{value}“.</translation>
    </message>
    <message>
        <source>“{value}” is not a legal form such as GmbH or KG.</source>
        <translation>„{value}“ ist keine Rechtsform wie GmbH oder KG.</translation>
    </message>
    <message>
        <source>“{value}” is not a salutation such as Herr, Frau, Mr or Ms.</source>
        <translation>„{value}“ ist keine Anrede wie Herr, Frau, Mr oder Ms.</translation>
    </message>
    <message>
        <source>not a valid phone number</source>
        <translation>keine gültige Telefonnummer</translation>
    </message>
    <message>
        <source>not an e-mail address</source>
        <translation>keine E-Mail-Adresse</translation>
    </message>
    <message>
        <source>not valid for the country</source>
        <translation>passt nicht zum Land</translation>
    </message>
    <message>
        <source>not recognised</source>
        <translation>nicht erkannt</translation>
    </message>
    <message>
        <source>not a valid VAT ID</source>
        <translation>keine gültige USt-IdNr.</translation>
    </message>
    <message>
        <source>value not known, kept as a tag</source>
        <translation>Wert unbekannt, als Schlagwort übernommen</translation>
    </message>
    <message>
        <source>not a member of the team, kept as a tag</source>
        <translation>nicht im Team, als Schlagwort übernommen</translation>
    </message>
    <message>
        <source>value not readable</source>
        <translation>Wert nicht lesbar</translation>
    </message>
    <message>
        <source>too long, shortened</source>
        <translation>zu lang, gekürzt</translation>
    </message>
    <message>
        <source>Import of {file}, row {line} ({date}):</source>
        <translation>Import aus {file}, Zeile {line} ({date}):</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Ändern</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>+ Person</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>The file {file} cannot be opened. Check that it exists and that you may read it.</source>
        <translation>Die Datei {file} lässt sich nicht öffnen. Prüfen Sie, ob es sie gibt und ob Sie sie lesen dürfen.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it is empty.</source>
        <translation>Die Datei {file} kann nicht gelesen werden, weil sie leer ist.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it is not an Excel workbook (.xlsx, .xlsm, .xls), an OpenDocument spreadsheet (.ods) or a CSV text file. Save it as an Excel workbook (.xlsx) or as CSV and try again.</source>
        <translation>Die Datei {file} kann nicht gelesen werden, weil sie weder eine Excel-Arbeitsmappe (.xlsx, .xlsm, .xls) noch ein OpenDocument-Tabellendokument (.ods) oder eine CSV-Textdatei ist. Speichern Sie sie als Excel-Arbeitsmappe (.xlsx) oder als CSV und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it is a web page (HTML), not a real spreadsheet, even if its name says otherwise. Open it in Excel and save it as an Excel workbook (.xlsx).</source>
        <translation>Die Datei {file} kann nicht gelesen werden, weil sie eine Webseite (HTML) ist und keine echte Tabelle, auch wenn ihr Name etwas anderes sagt. Öffnen Sie sie in Excel und speichern Sie sie als Excel-Arbeitsmappe (.xlsx).</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it is damaged or incomplete. Open it in Excel or LibreOffice, save it again and retry.</source>
        <translation>Die Datei {file} kann nicht gelesen werden, weil sie beschädigt oder unvollständig ist. Öffnen Sie sie in Excel oder LibreOffice, speichern Sie sie erneut und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it is protected with a password. Remove the password in Excel and save it again.</source>
        <translation>Die Datei {file} kann nicht gelesen werden, weil sie mit einem Kennwort geschützt ist. Entfernen Sie das Kennwort in Excel und speichern Sie die Datei erneut.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it holds {size_mb} MB of data, more than the {limit_mb} MB that can be imported at once. Split it into smaller files.</source>
        <translation>Die Datei {file} kann nicht gelesen werden, weil sie {size_mb} MB Daten enthält – mehr als die {limit_mb} MB, die auf einmal importiert werden können. Teilen Sie sie in kleinere Dateien auf.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it is packed so that it would unpack to far more data than a spreadsheet holds, which can make the computer stop responding. Ask the sender for a copy saved directly from Excel.</source>
        <translation>Die Datei {file} kann nicht gelesen werden, weil sie so gepackt ist, dass sie sich zu weit mehr Daten entpacken würde, als eine Tabelle enthält; das kann den Computer lahmlegen. Bitten Sie den Absender um eine Kopie, die direkt aus Excel gespeichert wurde.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it contains XML entity definitions that spreadsheets never use and that can exhaust the memory. Ask the sender for a copy saved directly from Excel.</source>
        <translation>Die Datei {file} kann nicht gelesen werden, weil sie XML-Entity-Definitionen enthält, die Tabellen nie verwenden und die den Arbeitsspeicher erschöpfen können. Bitten Sie den Absender um eine Kopie, die direkt aus Excel gespeichert wurde.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it has more than {limit} rows. Split it into files of at most {limit} rows.</source>
        <translation>Die Datei {file} kann nicht gelesen werden, weil sie mehr als {limit} Zeilen hat. Teilen Sie sie in Dateien mit höchstens {limit} Zeilen auf.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it has data in column {column}, beyond the {limit} columns that can be imported. Delete the columns you do not need and save it again.</source>
        <translation>Die Datei {file} kann nicht gelesen werden, weil sie Daten in Spalte {column} hat, jenseits der {limit} Spalten, die importiert werden können. Löschen Sie die Spalten, die Sie nicht brauchen, und speichern Sie die Datei erneut.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: the spreadsheet reader stopped unexpectedly, so the file is probably damaged. Open it in Excel or LibreOffice, save it again and retry.</source>
        <translation>Die Datei {file} kann nicht gelesen werden, weil das Lesen unerwartet abgebrochen ist; die Datei ist wahrscheinlich beschädigt. Öffnen Sie sie in Excel oder LibreOffice, speichern Sie sie erneut und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: no row naming the columns was found in its first {rows} rows. Add a row with column names (for example Firma, PLZ, Ort) above the data.</source>
        <translation>Die Datei {file} kann nicht gelesen werden, weil in ihren ersten {rows} Zeilen keine Kopfzeile mit Spaltennamen steht. Fügen Sie über den Daten eine Kopfzeile ein (zum Beispiel Firma, PLZ, Ort).</translation>
    </message>
    <message>
        <source>The file {file} cannot be read with row {row} as the column names: that row is empty or beyond the first rows. Choose a row with the column names.</source>
        <translation>Die Datei {file} kann mit Zeile {row} als Spaltennamen nicht gelesen werden: Diese Zeile ist leer oder liegt hinter den ersten Zeilen. Wählen Sie eine Zeile mit den Spaltennamen.</translation>
    </message>
    <message>
        <source>The file {file} has column names in row {row} but no rows of data below them: there is nothing to import.</source>
        <translation>Die Datei {file} hat in Zeile {row} Spaltennamen, aber darunter keine Datenzeilen: Es gibt nichts zu importieren.</translation>
    </message>
    <message>
        <source>The file {file} cannot be imported from the sheet “{sheet}”: it holds instructions, not a table of records.</source>
        <translation>Die Datei {file} kann aus dem Tabellenblatt „{sheet}“ nicht importiert werden: Es enthält eine Anleitung, keine Tabelle mit Einträgen.</translation>
    </message>
    <message>
        <source>The file {file} has no sheet named “{sheet}”. Choose one of: {sheets}.</source>
        <translation>Die Datei {file} hat kein Tabellenblatt „{sheet}“. Wählen Sie eines dieser Tabellenblätter: {sheets}.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: the sheet “{sheet}” is empty.</source>
        <translation>Die Datei {file} kann nicht gelesen werden, weil das Tabellenblatt „{sheet}“ leer ist.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: its text is not in a known encoding. Save it again as “CSV UTF-8” from Excel.</source>
        <translation>Die Datei {file} kann nicht gelesen werden, weil ihr Text in keiner bekannten Zeichenkodierung vorliegt. Speichern Sie sie in Excel erneut als „CSV UTF-8“.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: a quoted field that starts in row {row} is never closed. Check the quotation marks (&quot;) in that row, or save the file again from Excel.</source>
        <translation>Die Datei {file} kann nicht gelesen werden, weil ein Feld in Anführungszeichen, das in Zeile {row} beginnt, nie geschlossen wird. Prüfen Sie die Anführungszeichen (&quot;) in dieser Zeile oder speichern Sie die Datei erneut aus Excel.</translation>
    </message>
    <message>
        <source>required, but empty.</source>
        <translation>Pflichtfeld, aber leer.</translation>
    </message>
    <message>
        <source>longer than {limit} characters.</source>
        <translation>länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>“{value}” is not a valid phone number.</source>
        <translation>„{value}“ ist keine gültige Telefonnummer.</translation>
    </message>
    <message>
        <source>“{value}” is not an e-mail address.</source>
        <translation>„{value}“ ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>not a web address such as www.example.de.</source>
        <translation>keine Webadresse wie www.beispiel.de.</translation>
    </message>
    <message>
        <source>must not be negative.</source>
        <translation>darf nicht negativ sein.</translation>
    </message>
    <message>
        <source>no company has the ID {id}.</source>
        <translation>Kein Unternehmen hat die ID {id}.</translation>
    </message>
    <message>
        <source>the company has no person with the ID {id}.</source>
        <translation>Das Unternehmen hat keinen Ansprechpartner mit der ID {id}.</translation>
    </message>
    <message>
        <source>no date given for the objection; today&apos;s date is recorded.</source>
        <translation>kein Datum des Widerspruchs angegeben; das heutige Datum wird eingetragen.</translation>
    </message>
    <message>
        <source>“{value}” is not a number.</source>
        <translation>„{value}“ ist keine Zahl.</translation>
    </message>
    <message>
        <source>The row names neither a company nor a person.</source>
        <translation>Die Zeile nennt weder ein Unternehmen noch eine Person.</translation>
    </message>
    <message>
        <source>“{value}” is not one of the values this field knows; kept as a tag.</source>
        <translation>„{value}“ ist keiner der Werte, die dieses Feld kennt; als Schlagwort übernommen.</translation>
    </message>
    <message>
        <source>only a first name is given; it is stored as the name.</source>
        <translation>nur ein Vorname angegeben; er wird als Name gespeichert.</translation>
    </message>
    <message>
        <source>“{value}”.</source>
        <translation>„{value}“.</translation>
    </message>
    <message>
        <source>“{value}” is a date, not a number.</source>
        <translation>„{value}“ ist ein Datum, keine Zahl.</translation>
    </message>
    <message>
        <source>“{value}” is not a whole number.</source>
        <translation>„{value}“ ist keine ganze Zahl.</translation>
    </message>
    <message>
        <source>“{value}” is not a date such as 31.12.2024.</source>
        <translation>„{value}“ ist kein Datum wie 31.12.2024.</translation>
    </message>
    <message>
        <source>“{value}” is neither yes nor no (ja, nein, x).</source>
        <translation>„{value}“ ist weder ja noch nein (ja, nein, x).</translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <source>Person added to the company of row {line}.</source>
        <translation>Person wird dem Unternehmen aus Zeile {line} hinzugefügt.</translation>
    </message>
    <message>
        <source>Same company as row {line}; skipped.</source>
        <translation>Gleiches Unternehmen wie in Zeile {line}; wird übersprungen.</translation>
    </message>
    <message>
        <source>Updates the person already in the database (same ID).</source>
        <translation>Aktualisiert den Ansprechpartner, der schon in der Datenbank ist (gleiche ID).</translation>
    </message>
    <message>
        <source>Already in the database ({reason}); skipped.</source>
        <translation>Schon in der Datenbank ({reason}); wird übersprungen.</translation>
    </message>
    <message>
        <source>Updates the company already in the database ({reason}).</source>
        <translation>Ändert das vorhandene Unternehmen in der Datenbank ({reason}).</translation>
    </message>
    <message>
        <source>Person added to the company in the database ({reason}).</source>
        <translation>Person wird dem vorhandenen Unternehmen hinzugefügt ({reason}).</translation>
    </message>
    <message>
        <source>{rows}: {records}</source>
        <translation>{rows}: {records}</translation>
    </message>
    <message>
        <source>{count} × {reason}</source>
        <translation>{count} × {reason}</translation>
    </message>
    <message>
        <source>{count} × other reasons</source>
        <translation>{count} × andere Gründe</translation>
    </message>
    <message>
        <source>Imported with a note in the record:</source>
        <translation>Importiert, mit Hinweis in den Notizen des Eintrags:</translation>
    </message>
    <message>
        <source>Not imported:</source>
        <translation>Nicht importiert:</translation>
    </message>
    <message>
        <source>Row {line}: {reasons}</source>
        <translation>Zeile {line}: {reasons}</translation>
    </message>
</context>
<context>
    <name>ImportSummary</name>
    <message>
        <source>1 row would be imported</source>
        <translation>1 Zeile würde importiert</translation>
    </message>
    <message>
        <source>{n} rows would be imported</source>
        <translation>{n} Zeilen würden importiert</translation>
    </message>
    <message>
        <source>1 row imported</source>
        <translation>1 Zeile importiert</translation>
    </message>
    <message>
        <source>{n} rows imported</source>
        <translation>{n} Zeilen importiert</translation>
    </message>
    <message>
        <source>({n} of them with notes)</source>
        <translation>(davon {n} mit Hinweisen)</translation>
    </message>
    <message>
        <source>{n} skipped as duplicates</source>
        <translation>{n} als Dubletten übersprungen</translation>
    </message>
    <message>
        <source>{n} refused</source>
        <translation>{n} abgelehnt</translation>
    </message>
    <message>
        <source>1 new company</source>
        <translation>1 neues Unternehmen</translation>
    </message>
    <message>
        <source>{n} new companies</source>
        <translation>{n} neue Unternehmen</translation>
    </message>
    <message>
        <source>1 company updated</source>
        <translation>1 Unternehmen geändert</translation>
    </message>
    <message>
        <source>{n} companies updated</source>
        <translation>{n} Unternehmen geändert</translation>
    </message>
    <message>
        <source>1 new contact</source>
        <translation>1 neuer Ansprechpartner</translation>
    </message>
    <message>
        <source>{n} new contacts</source>
        <translation>{n} neue Ansprechpartner</translation>
    </message>
    <message>
        <source>1 contact updated</source>
        <translation>1 Ansprechpartner geändert</translation>
    </message>
    <message>
        <source>{n} contacts updated</source>
        <translation>{n} Ansprechpartner geändert</translation>
    </message>
    <message>
        <source>Imported with a note in the record:</source>
        <translation>Importiert, mit Hinweis in den Notizen des Eintrags:</translation>
    </message>
    <message>
        <source>Not imported:</source>
        <translation>Nicht importiert:</translation>
    </message>
    <message>
        <source>Row {line}: {reasons}</source>
        <translation>Zeile {line}: {reasons}</translation>
    </message>
    <message>
        <source>… and {n} more rows not imported.</source>
        <translation>… und {n} weitere nicht importierte Zeilen.</translation>
    </message>
    <message>
        <source>Import number {n}; it can be undone in the application.</source>
        <translation>Import Nr. {n}; er kann im Programm rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>The file {file} cannot be imported: {reason}</source>
        <translation>Die Datei {file} kann nicht importiert werden: {reason}</translation>
    </message>
    <message>
        <source>{file}: nothing can be imported: no column was recognised as a company or person name; choose one in the wizard or use --map &quot;HEADER=name&quot;.</source>
        <translation>{file}: Nichts kann importiert werden: Keine Spalte wurde als Firmen- oder Personenname erkannt. Wählen Sie eine im Import-Assistenten oder verwenden Sie --map &quot;SPALTE=name&quot;.</translation>
    </message>
    <message>
        <source>--country: “{value}” is not a country.</source>
        <translation>--country: „{value}“ ist kein Land.</translation>
    </message>
    <message>
        <source>suggested by the postcodes and phone numbers</source>
        <translation>vorgeschlagen anhand der Postleitzahlen und Telefonnummern</translation>
    </message>
    <message>
        <source>the home country; choose another with --country</source>
        <translation>das Heimatland; ein anderes mit --country wählen</translation>
    </message>
    <message>
        <source>as chosen</source>
        <translation>wie gewählt</translation>
    </message>
    <message>
        <source>Country of rows that name none: {country} ({why}).</source>
        <translation>Land der Zeilen ohne Land: {country} ({why}).</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import spreadsheet</source>
        <translation>Tabelle importieren</translation>
    </message>
</context>
<context>
    <name>IndustryDialog</name>
    <message>
        <source>Choose industries</source>
        <translation>Branchen auswählen</translation>
    </message>
    <message>
        <source>Choose industry</source>
        <translation>Branche auswählen</translation>
    </message>
    <message>
        <source>Code or words, e.g. 28.4 or Teigwaren</source>
        <translation>Code oder Wörter, z. B. 28.4 oder Teigwaren</translation>
    </message>
    <message numerus="yes">
        <source>More than %Ln found; type more to narrow the list.</source>
        <translation>
            <numerusform>Mehr als %Ln gefunden; weitertippen, um die Liste einzugrenzen.</numerusform>
            <numerusform>Mehr als %Ln gefunden; weitertippen, um die Liste einzugrenzen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>Nichts gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln found.</source>
        <translation>
            <numerusform>%Ln gefunden.</numerusform>
            <numerusform>%Ln gefunden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Mr</source>
        <translation>Herr</translation>
    </message>
    <message>
        <source>Ms</source>
        <translation>Frau</translation>
    </message>
    <message>
        <source>Decision maker</source>
        <translation>Entscheider</translation>
    </message>
    <message>
        <source>Influencer</source>
        <translation>Beeinflusser</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Anwender</translation>
    </message>
    <message>
        <source>Gatekeeper</source>
        <translation>Vorzimmer</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Qualifying</source>
        <translation>In Qualifizierung</translation>
    </message>
    <message>
        <source>Nurturing</source>
        <translation>In Lead-Pflege</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Verkaufschance</translation>
    </message>
    <message>
        <source>Disqualified</source>
        <translation>Disqualifiziert</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Einwilligung</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Vertrag</translation>
    </message>
    <message>
        <source>Legitimate interest</source>
        <translation>Berechtigtes Interesse</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Nicht erfasst</translation>
    </message>
    <message>
        <source>The person agreed to be contacted (Art. 6(1)(a) GDPR).</source>
        <translation>Die Person hat der Kontaktaufnahme zugestimmt (Art. 6 Abs. 1 lit. a DSGVO).</translation>
    </message>
    <message>
        <source>Needed for a contract with the person or a request of theirs (Art. 6(1)(b)).</source>
        <translation>Erforderlich für einen Vertrag mit der Person oder für ihre Anfrage (Art. 6 Abs. 1 lit. b DSGVO).</translation>
    </message>
    <message>
        <source>Business contact in their professional role, weighed against their interests (Art. 6(1)(f)).</source>
        <translation>Geschäftskontakt in ihrer beruflichen Rolle, abgewogen gegen ihre Interessen (Art. 6 Abs. 1 lit. f DSGVO).</translation>
    </message>
    <message>
        <source>Record why you may process this person&apos;s data before contacting them.</source>
        <translation>Halten Sie fest, warum Sie die Daten dieser Person verarbeiten dürfen, bevor Sie sie kontaktieren.</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Anrufe</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation>E-Mails</translation>
    </message>
    <message>
        <source>In writing, signed</source>
        <translation>Schriftlich, unterschrieben</translation>
    </message>
    <message>
        <source>Web form with double opt-in</source>
        <translation>Webformular mit Double-Opt-in</translation>
    </message>
    <message>
        <source>By e-mail</source>
        <translation>Per E-Mail</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>Persönlich</translation>
    </message>
    <message>
        <source>On the phone</source>
        <translation>Am Telefon</translation>
    </message>
    <message>
        <source>Independent company</source>
        <translation>Eigenständiges Unternehmen</translation>
    </message>
    <message>
        <source>Headquarters</source>
        <translation>Hauptsitz</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Niederlassung</translation>
    </message>
    <message>
        <source>Subsidiary</source>
        <translation>Tochtergesellschaft</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Konzern</translation>
    </message>
    <message>
        <source>Manufacturing</source>
        <translation>Produktion</translation>
    </message>
    <message>
        <source>Trade</source>
        <translation>Handel</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Dienstleistung</translation>
    </message>
    <message>
        <source>Craft</source>
        <translation>Handwerk</translation>
    </message>
    <message>
        <source>Public sector</source>
        <translation>Öffentlicher Sektor</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>Field sales</source>
        <translation>Außendienst</translation>
    </message>
    <message>
        <source>Inside sales</source>
        <translation>Innendienst</translation>
    </message>
    <message>
        <source>External agency</source>
        <translation>Externe Agentur</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Brief</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <source>Not reached</source>
        <translation>Nicht erreicht</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Rückruf</translation>
    </message>
    <message>
        <source>Appointment made</source>
        <translation>Termin vereinbart</translation>
    </message>
    <message>
        <source>Not interested</source>
        <translation>Kein Interesse</translation>
    </message>
    <message>
        <source>Information sent</source>
        <translation>Informationen verschickt</translation>
    </message>
    <message>
        <source>Wrong contact</source>
        <translation>Falscher Ansprechpartner</translation>
    </message>
    <message>
        <source>Objected</source>
        <translation>Widerspruch</translation>
    </message>
    <message>
        <source>All steps done</source>
        <translation>Alle Schritte erledigt</translation>
    </message>
    <message>
        <source>Became an opportunity</source>
        <translation>Zur Verkaufschance geworden</translation>
    </message>
    <message>
        <source>Objected to advertising</source>
        <translation>Werbewiderspruch</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>Befugnis</translation>
    </message>
    <message>
        <source>Need</source>
        <translation>Bedarf</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Erfüllt</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>Nicht erfüllt</translation>
    </message>
    <message>
        <source>Cannot decide</source>
        <translation>Keine Entscheidungsbefugnis</translation>
    </message>
    <message>
        <source>No need</source>
        <translation>Kein Bedarf</translation>
    </message>
    <message>
        <source>No budget</source>
        <translation>Kein Budget</translation>
    </message>
    <message>
        <source>No decision in sight</source>
        <translation>Keine Entscheidung absehbar</translation>
    </message>
    <message>
        <source>Bound to a competitor</source>
        <translation>An Wettbewerber gebunden</translation>
    </message>
    <message>
        <source>Never reached</source>
        <translation>Nie erreicht</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>Anderer Grund</translation>
    </message>
    <message>
        <source>Offer in preparation</source>
        <translation>Angebot in Vorbereitung</translation>
    </message>
    <message>
        <source>Offer sent</source>
        <translation>Angebot versendet</translation>
    </message>
    <message>
        <source>Negotiation</source>
        <translation>Verhandlung</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Gewonnen</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Went to a competitor</source>
        <translation>Wettbewerber</translation>
    </message>
    <message>
        <source>No decision</source>
        <translation>Keine Entscheidung</translation>
    </message>
    <message>
        <source>Postponed</source>
        <translation>Verschoben</translation>
    </message>
    <message>
        <source>Offer did not fit</source>
        <translation>Angebot passte nicht</translation>
    </message>
    <message>
        <source>Brandenburg</source>
        <translation>Brandenburg</translation>
    </message>
    <message>
        <source>Berlin</source>
        <translation>Berlin</translation>
    </message>
    <message>
        <source>Baden-Württemberg</source>
        <translation>Baden-Württemberg</translation>
    </message>
    <message>
        <source>Bavaria</source>
        <translation>Bayern</translation>
    </message>
    <message>
        <source>Bremen</source>
        <translation>Bremen</translation>
    </message>
    <message>
        <source>Hesse</source>
        <translation>Hessen</translation>
    </message>
    <message>
        <source>Hamburg</source>
        <translation>Hamburg</translation>
    </message>
    <message>
        <source>Mecklenburg-Western Pomerania</source>
        <translation>Mecklenburg-Vorpommern</translation>
    </message>
    <message>
        <source>Lower Saxony</source>
        <translation>Niedersachsen</translation>
    </message>
    <message>
        <source>North Rhine-Westphalia</source>
        <translation>Nordrhein-Westfalen</translation>
    </message>
    <message>
        <source>Rhineland-Palatinate</source>
        <translation>Rheinland-Pfalz</translation>
    </message>
    <message>
        <source>Schleswig-Holstein</source>
        <translation>Schleswig-Holstein</translation>
    </message>
    <message>
        <source>Saarland</source>
        <translation>Saarland</translation>
    </message>
    <message>
        <source>Saxony</source>
        <translation>Sachsen</translation>
    </message>
    <message>
        <source>Saxony-Anhalt</source>
        <translation>Sachsen-Anhalt</translation>
    </message>
    <message>
        <source>Thuringia</source>
        <translation>Thüringen</translation>
    </message>
</context>
<context>
    <name>LeadActions</name>
    <message>
        <source>&amp;Qualify…</source>
        <translation>&amp;Qualifizieren…</translation>
    </message>
    <message>
        <source>The four criteria of this lead: authority, need, budget and timing</source>
        <translation>Die vier Kriterien dieses Leads: Befugnis, Bedarf, Budget und Zeitpunkt</translation>
    </message>
    <message>
        <source>Set &amp;owner…</source>
        <translation>&amp;Bearbeiter festlegen…</translation>
    </message>
    <message>
        <source>Apply &amp;nurturing plan…</source>
        <translation>&amp;Pflegeplan anwenden…</translation>
    </message>
    <message>
        <source>Plan a series of touches for the chosen leads, e.g. six in nine months</source>
        <translation>Eine Folge von Kontakten für die gewählten Leads planen, z. B. sechs in neun Monaten</translation>
    </message>
    <message>
        <source>&amp;Log activity…</source>
        <translation>&amp;Aktivität erfassen…</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Kein Bearbeiter</translation>
    </message>
    <message>
        <source>Set owner</source>
        <translation>Bearbeiter festlegen</translation>
    </message>
    <message numerus="yes">
        <source>Owner of %Ln persons:</source>
        <translation>
            <numerusform>Bearbeiter für %Ln Person:</numerusform>
            <numerusform>Bearbeiter für %Ln Personen:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nurturing plan started for %Ln person(s).</source>
        <translation>
            <numerusform>Pflegeplan für %Ln Person gestartet.</numerusform>
            <numerusform>Pflegeplan für %Ln Personen gestartet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Left out: {who}.</source>
        <translation>Ausgelassen: {who}.</translation>
    </message>
</context>
<context>
    <name>LostReasonDialog</name>
    <message>
        <source>Deal lost</source>
        <translation>Verkaufschance verloren</translation>
    </message>
    <message>
        <source>Why was “%1” lost?</source>
        <translation>Warum ging „%1“ verloren?</translation>
    </message>
    <message>
        <source>Choose a reason</source>
        <translation>Grund auswählen</translation>
    </message>
    <message>
        <source>optional, in your own words</source>
        <translation>optional, in eigenen Worten</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Grund</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <source>Mark as &amp;lost</source>
        <translation>Als &amp;verloren markieren</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Prospector</source>
        <translation>Prospector</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message>
        <source>The database in use</source>
        <translation>Die verwendete Datenbank</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>Datenbank wird geöffnet …</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>Ideal customer</source>
        <translation>Idealer Kunde</translation>
    </message>
    <message>
        <source>Personas</source>
        <translation>Zielpersonen</translation>
    </message>
    <message>
        <source>Funnel planning</source>
        <translation>Trichterplanung</translation>
    </message>
    <message>
        <source>Opportunities</source>
        <translation>Verkaufschancen</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Kalender</translation>
    </message>
    <message>
        <source>Call day</source>
        <translation>Anruftag</translation>
    </message>
    <message>
        <source>A database server is backed up with its own tools, such as pg_dump.</source>
        <translation>Ein Datenbankserver wird mit seinen eigenen Werkzeugen gesichert, etwa pg_dump.</translation>
    </message>
    <message>
        <source>&amp;New company…</source>
        <translation>&amp;Neues Unternehmen…</translation>
    </message>
    <message>
        <source>New &amp;contact…</source>
        <translation>Neuer &amp;Ansprechpartner…</translation>
    </message>
    <message>
        <source>&amp;Import spreadsheet…</source>
        <translation>Tabelle &amp;importieren…</translation>
    </message>
    <message>
        <source>Import &amp;history…</source>
        <translation>Import-&amp;Verlauf…</translation>
    </message>
    <message>
        <source>Import acti&amp;vities…</source>
        <translation>A&amp;ktivitäten importieren…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Save import &amp;template…</source>
        <translation>Import&amp;vorlage speichern…</translation>
    </message>
    <message>
        <source>Load &amp;sample data</source>
        <translation>Beispiel&amp;daten laden</translation>
    </message>
    <message>
        <source>&amp;Remove sample data…</source>
        <translation>Beispieldaten en&amp;tfernen…</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>&amp;Sicherungen…</translation>
    </message>
    <message>
        <source>C&amp;heck the database…</source>
        <translation>Datenbank &amp;prüfen…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>&amp;Companies</source>
        <translation>&amp;Unternehmen</translation>
    </message>
    <message>
        <source>C&amp;ontacts</source>
        <translation>&amp;Ansprechpartner</translation>
    </message>
    <message>
        <source>&amp;Ideal customer</source>
        <translation>&amp;Idealer Kunde</translation>
    </message>
    <message>
        <source>&amp;Personas</source>
        <translation>&amp;Zielpersonen</translation>
    </message>
    <message>
        <source>&amp;Funnel planning</source>
        <translation>&amp;Trichterplanung</translation>
    </message>
    <message>
        <source>Opport&amp;unities</source>
        <translation>&amp;Verkaufschancen</translation>
    </message>
    <message>
        <source>T&amp;eam</source>
        <translation>T&amp;eam</translation>
    </message>
    <message>
        <source>Ca&amp;lendar</source>
        <translation>&amp;Kalender</translation>
    </message>
    <message>
        <source>C&amp;all day</source>
        <translation>A&amp;nruftag</translation>
    </message>
    <message>
        <source>&amp;Nurturing plans…</source>
        <translation>&amp;Pflegepläne…</translation>
    </message>
    <message>
        <source>&amp;Export calendar…</source>
        <translation>Kalender &amp;exportieren…</translation>
    </message>
    <message>
        <source>&amp;Trash</source>
        <translation>&amp;Papierkorb</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Benutzerhandbuch</translation>
    </message>
    <message>
        <source>&amp;About Prospector</source>
        <translation>Ü&amp;ber Prospector</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Activities</source>
        <translation>A&amp;ktivitäten</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Company saved.</source>
        <translation>Unternehmen gespeichert.</translation>
    </message>
    <message>
        <source>Contact saved.</source>
        <translation>Ansprechpartner gespeichert.</translation>
    </message>
    <message>
        <source>Export companies</source>
        <translation>Unternehmen exportieren</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, semicolons (*.csv)</source>
        <translation>Excel-Arbeitsmappe (*.xlsx);;CSV mit Semikolon (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1 companies and %2 contacts to %3.</source>
        <translation>%1 Unternehmen und %2 Ansprechpartner nach %3 exportiert.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln cell(s) held characters Excel does not accept; they were removed.</source>
        <translation>
            <numerusform>%Ln Zelle enthielt Zeichen, die Excel nicht annimmt; sie wurden entfernt.</numerusform>
            <numerusform>%Ln Zellen enthielten Zeichen, die Excel nicht annimmt; sie wurden entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Export läuft …</translation>
    </message>
    <message>
        <source>Save import template</source>
        <translation>Importvorlage speichern</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-Arbeitsmappe (*.xlsx)</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Template saved: %1</source>
        <translation>Vorlage gespeichert: %1</translation>
    </message>
    <message>
        <source>Export calendar</source>
        <translation>Kalender exportieren</translation>
    </message>
    <message>
        <source>Prospector.ics</source>
        <translation>Prospector.ics</translation>
    </message>
    <message>
        <source>iCalendar file (*.ics)</source>
        <translation>iCalendar-Datei (*.ics)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln planned touch(es) exported to {file}.</source>
        <translation>
            <numerusform>%Ln geplanter Kontakt nach {file} exportiert.</numerusform>
            <numerusform>%Ln geplante Kontakte nach {file} exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting the calendar…</source>
        <translation>Kalender wird exportiert…</translation>
    </message>
    <message>
        <source>Load sample data</source>
        <translation>Beispieldaten laden</translation>
    </message>
    <message>
        <source>The sample data is already loaded. Load it a second time?</source>
        <translation>Die Beispieldaten sind schon geladen. Ein zweites Mal laden?</translation>
    </message>
    <message>
        <source>Loading the sample data…</source>
        <translation>Beispieldaten werden geladen …</translation>
    </message>
    <message>
        <source>No sample data is loaded.</source>
        <translation>Es sind keine Beispieldaten geladen.</translation>
    </message>
    <message>
        <source>Remove sample data</source>
        <translation>Beispieldaten entfernen</translation>
    </message>
    <message numerus="yes">
        <source>Delete the %Ln sample companies with their contacts and history for good? Companies you added or imported stay.</source>
        <translation>
            <numerusform>Das %Ln Beispielunternehmen mit seinen Ansprechpartnern und seinem Verlauf endgültig löschen? Unternehmen, die Sie angelegt oder importiert haben, bleiben erhalten.</numerusform>
            <numerusform>Die %Ln Beispielunternehmen mit ihren Ansprechpartnern und ihrem Verlauf endgültig löschen? Unternehmen, die Sie angelegt oder importiert haben, bleiben erhalten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln sample companies deleted.</source>
        <translation>
            <numerusform>%Ln Beispielunternehmen gelöscht.</numerusform>
            <numerusform>%Ln Beispielunternehmen gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading cancelled; nothing was changed.</source>
        <translation>Laden abgebrochen; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Loaded %1 companies and %2 contacts.</source>
        <translation>%1 Unternehmen und %2 Ansprechpartner geladen.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln companies</source>
        <translation>
            <numerusform>%Ln Unternehmen</numerusform>
            <numerusform>%Ln Unternehmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln companies</source>
        <translation>
            <numerusform>%1 von %Ln Unternehmen</numerusform>
            <numerusform>%1 von %Ln Unternehmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected</source>
        <translation>
            <numerusform>%Ln ausgewählt</numerusform>
            <numerusform>%Ln ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>Trash (%1)</source>
        <translation>Papierkorb (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln company(s) moved to the trash. Ctrl+Z brings them back.</source>
        <translation>
            <numerusform>%Ln Unternehmen in den Papierkorb verschoben. Strg+Z holt es zurück.</numerusform>
            <numerusform>%Ln Unternehmen in den Papierkorb verschoben. Strg+Z holt sie zurück.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Undo: %1</source>
        <translation>&amp;Rückgängig: %1</translation>
    </message>
    <message>
        <source>&amp;Redo: %1</source>
        <translation>&amp;Wiederholen: %1</translation>
    </message>
    <message>
        <source>Undo import</source>
        <translation>Import rückgängig machen</translation>
    </message>
    <message>
        <source>Undo the import of “%1”? The companies and contacts it added are deleted and what it changed is restored. It cannot be redone.</source>
        <translation>Den Import von „%1“ rückgängig machen? Die Unternehmen und Ansprechpartner, die er angelegt hat, werden gelöscht, und was er geändert hat, wird wiederhergestellt. Das lässt sich nicht wiederholen.</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>Rückgängig gemacht: %1</translation>
    </message>
    <message>
        <source>Redone: %1</source>
        <translation>Wiederholt: %1</translation>
    </message>
    <message>
        <source>Settings saved. They take effect at the next start.</source>
        <translation>Einstellungen gespeichert. Sie gelten ab dem nächsten Start.</translation>
    </message>
</context>
<context>
    <name>MappingModel</name>
    <message>
        <source>— ignore —</source>
        <translation>— ignorieren —</translation>
    </message>
    <message>
        <source>(column %1 without a name)</source>
        <translation>(Spalte %1 ohne Namen)</translation>
    </message>
    <message>
        <source>as last time</source>
        <translation>wie zuletzt</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Guessed from a similar name: “%1”. Check the examples.</source>
        <translation>Aus einem ähnlichen Namen erraten: „%1“. Prüfen Sie die Beispiele.</translation>
    </message>
    <message>
        <source>As you chose it last time for a file with these columns.</source>
        <translation>So, wie Sie es zuletzt für eine Datei mit diesen Spalten gewählt haben.</translation>
    </message>
    <message>
        <source>Recognised by the name of the column.</source>
        <translation>Am Namen der Spalte erkannt.</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Spalte in der Datei</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>Importieren als</translation>
    </message>
    <message>
        <source>Examples from the file</source>
        <translation>Beispiele aus der Datei</translation>
    </message>
    <message>
        <source>Recognised</source>
        <translation>Erkannt</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>New team member</source>
        <translation>Neuer Bearbeiter</translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation>„%1“ bearbeiten</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>z. B. %1</translation>
    </message>
    <message>
        <source>&amp;Active: takes on leads</source>
        <translation>&amp;Aktiv: übernimmt Leads</translation>
    </message>
    <message>
        <source>Hours a week this person spends qualifying leads.</source>
        <translation>Stunden pro Woche, die diese Person mit der Qualifizierung von Leads verbringt.</translation>
    </message>
    <message>
        <source>Dial attempts an hour, reached or not.</source>
        <translation>Anrufversuche pro Stunde, ob erreicht oder nicht.</translation>
    </message>
    <message>
        <source>Of 100 calls, how many reach the person wanted.</source>
        <translation>Wie viele von 100 Anrufen die gewünschte Person erreichen.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <source>&amp;Hours a week for qualification:</source>
        <translation>&amp;Wochenstunden für Qualifizierung:</translation>
    </message>
    <message>
        <source>&amp;Calls per hour:</source>
        <translation>Anr&amp;ufe pro Stunde:</translation>
    </message>
    <message>
        <source>Reach ra&amp;te (%):</source>
        <translation>Erreichbar&amp;keit (%):</translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>Not a number, e.g. %1.</source>
        <translation>Keine Zahl, z. B. %1.</translation>
    </message>
    <message>
        <source>A whole number of percent, e.g. 25.</source>
        <translation>Eine ganze Prozentzahl, z. B. 25.</translation>
    </message>
    <message>
        <source>A team member with this name exists already.</source>
        <translation>Einen Bearbeiter mit diesem Namen gibt es schon.</translation>
    </message>
    <message>
        <source>At most %1 hours a week.</source>
        <translation>Höchstens %1 Stunden pro Woche.</translation>
    </message>
    <message>
        <source>Not a number.</source>
        <translation>Keine Zahl.</translation>
    </message>
    <message>
        <source>Between 0 and %1 calls an hour.</source>
        <translation>Zwischen 0 und %1 Anrufen pro Stunde.</translation>
    </message>
    <message>
        <source>Between 0 and 100 %.</source>
        <translation>Zwischen 0 und 100 %.</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge companies</source>
        <translation>Unternehmen zusammenführen</translation>
    </message>
    <message>
        <source>&amp;Keep the other one instead</source>
        <translation>Stattdessen das &amp;andere behalten</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Zusammenführen</translation>
    </message>
    <message>
        <source>“%1” is kept. The contacts, history, opportunities and tags of “%2” move to it, empty fields are filled from it, and then it is deleted. Notes of both are kept.</source>
        <translation>„%1“ bleibt erhalten und übernimmt Ansprechpartner, Verlauf, Verkaufschancen und Schlagworte von „%2“. Leere Felder werden mit dessen Angaben gefüllt, dann wird das übernommene Unternehmen gelöscht. Die Notizen beider bleiben erhalten.</translation>
    </message>
    <message>
        <source>The two records do not contradict each other.</source>
        <translation>Die beiden Datensätze widersprechen sich nicht.</translation>
    </message>
    <message>
        <source>Where they differ, choose the value to keep:</source>
        <translation>Wo sie sich unterscheiden, wählen Sie den Wert, der erhalten bleibt:</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>saved view</source>
        <translation>gespeicherte Ansicht</translation>
    </message>
    <message>
        <source>team member</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <source>lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>opportunity</source>
        <translation>Verkaufschance</translation>
    </message>
    <message>
        <source>persona</source>
        <translation>Zielperson</translation>
    </message>
    <message>
        <source>{location} is not a Prospector database. Choose another file or a new one.</source>
        <translation>{location} ist keine Prospector-Datenbank. Wählen Sie eine andere oder eine neue Datei.</translation>
    </message>
    <message>
        <source>{location} is a database of another program, not of Prospector. Choose another file or a new one.</source>
        <translation>{location} ist die Datenbank eines anderen Programms, nicht von Prospector. Wählen Sie eine andere oder eine neue Datei.</translation>
    </message>
    <message>
        <source>{location} was written by a newer version of Prospector (schema {revision}). Install the newer version to open it.</source>
        <translation>{location} wurde von einer neueren Prospector-Version geschrieben (Schema {revision}). Installieren Sie die neuere Version, um sie zu öffnen.</translation>
    </message>
    <message>
        <source>{location} is read-only. Make the file and its folder writable, or choose another database.</source>
        <translation>{location} ist schreibgeschützt. Geben Sie die Datei und ihren Ordner zum Schreiben frei oder wählen Sie eine andere Datenbank.</translation>
    </message>
    <message>
        <source>{location} is locked by another program. Close the other program and try again.</source>
        <translation>{location} ist von einem anderen Programm gesperrt. Schließen Sie das andere Programm und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>{location} is damaged: parts of it cannot be read. Restore a backup of it (in the folder “backups” beside it), or choose another database.</source>
        <translation>{location} ist beschädigt: Teile davon sind nicht lesbar. Stellen Sie eine Sicherung wieder her (im Ordner „backups“ daneben), oder wählen Sie eine andere Datenbank.</translation>
    </message>
    <message>
        <source>The disk of {location} is full. Free some space on it and try again; nothing was changed.</source>
        <translation>Der Datenträger von {location} ist voll. Schaffen Sie Platz darauf und versuchen Sie es erneut; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The disk of {location} reported a read or write error. Check the disk or the network connection and try again; if it happens again, restore a backup.</source>
        <translation>Der Datenträger von {location} hat einen Lese- oder Schreibfehler gemeldet. Prüfen Sie den Datenträger oder die Netzwerkverbindung und versuchen Sie es erneut; kommt es wieder vor, stellen Sie eine Sicherung wieder her.</translation>
    </message>
    <message>
        <source>{location} does not exist. Check the name and the folder of the database.</source>
        <translation>{location} gibt es nicht. Prüfen Sie den Namen und den Ordner der Datenbank.</translation>
    </message>
    <message>
        <source>{location} cannot be created: {folder} is a file, not a folder. Choose another place for the database.</source>
        <translation>{location} kann nicht angelegt werden: {folder} ist eine Datei, kein Ordner. Wählen Sie einen anderen Ort für die Datenbank.</translation>
    </message>
    <message>
        <source>“{location}” is not a database Prospector can open. Give a file, or a PostgreSQL server as postgresql+psycopg://user:password@host:5432/database.</source>
        <translation>„{location}“ ist keine Datenbank, die Prospector öffnen kann. Geben Sie eine Datei an, oder einen PostgreSQL-Server als postgresql+psycopg://benutzer:passwort@server:5432/datenbank.</translation>
    </message>
    <message>
        <source>There is no room for a backup of {location}: {needed} MB are needed, {free} MB are free on the disk. Free some space and try again; nothing was changed.</source>
        <translation>Für eine Sicherung von {location} ist kein Platz: {needed} MB werden gebraucht, {free} MB sind auf dem Datenträger frei. Schaffen Sie Platz und versuchen Sie es erneut; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The backup of {location} could not be written to the folder {folder}. Check that the folder is writable and the disk is in order; nothing was changed.</source>
        <translation>Die Sicherung von {location} konnte nicht in den Ordner {folder} geschrieben werden. Prüfen Sie, ob der Ordner beschreibbar und der Datenträger in Ordnung ist; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Backups are made of database files. Back up the database server {location} with its own tools, such as pg_dump.</source>
        <translation>Sicherungen gibt es für Datenbankdateien. Sichern Sie den Datenbankserver {location} mit seinen eigenen Werkzeugen, etwa pg_dump.</translation>
    </message>
    <message>
        <source>The backup {location} is damaged or not a Prospector database. Choose another one.</source>
        <translation>Die Sicherung {location} ist beschädigt oder keine Prospector-Datenbank. Wählen Sie eine andere.</translation>
    </message>
    <message>
        <source>The disk has no room left for {path}. Free some space and export again; nothing was written.</source>
        <translation>Auf dem Datenträger ist kein Platz mehr für {path}. Schaffen Sie Platz und exportieren Sie erneut; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>{path} cannot be written: the folder is read-only or you may not write there. Choose another folder.</source>
        <translation>{path} kann nicht geschrieben werden: Der Ordner ist schreibgeschützt, oder Sie dürfen dort nicht schreiben. Wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>The folder of {path} does not exist. Choose another folder.</source>
        <translation>Den Ordner von {path} gibt es nicht. Wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>{path}: an export is written as .xlsx or .csv. Give the file one of these endings.</source>
        <translation>{path}: Ein Export wird als .xlsx oder .csv geschrieben. Geben Sie der Datei eine dieser Endungen.</translation>
    </message>
    <message>
        <source>The database server at {location} cannot be reached: {reason}</source>
        <translation>Der Datenbankserver {location} ist nicht erreichbar: {reason}</translation>
    </message>
    <message>
        <source>The database {location} cannot be used: {reason}</source>
        <translation>Die Datenbank {location} kann nicht verwendet werden: {reason}</translation>
    </message>
    <message>
        <source>The export to {path} failed: {reason}</source>
        <translation>Der Export nach {path} ist fehlgeschlagen: {reason}</translation>
    </message>
    <message>
        <source>The sheet {sheet} would have more than {limit} rows, more than Excel can open. Export to CSV, or export fewer companies.</source>
        <translation>Das Blatt {sheet} hätte mehr als {limit} Zeilen, mehr als Excel öffnen kann. Exportieren Sie als CSV oder weniger Unternehmen.</translation>
    </message>
    <message>
        <source>{path} cannot be replaced; it may be open in Excel. Close it there and export again.</source>
        <translation>{path} kann nicht ersetzt werden; vielleicht ist die Datei in Excel geöffnet. Schließen Sie sie dort und exportieren Sie erneut.</translation>
    </message>
    <message>
        <source>The {entity} with number {id} no longer exists; it may have been deleted.</source>
        <translation>Der Datensatz ({entity}) mit der Nummer {id} existiert nicht mehr; vielleicht wurde er gelöscht.</translation>
    </message>
    <message>
        <source>The {entity} “{name}” was changed by someone else since you opened it. Reload it to see the changes.</source>
        <translation>„{name}“ ({entity}) wurde von jemand anderem geändert, seit Sie es geöffnet haben. Laden Sie es neu, um die Änderungen zu sehen.</translation>
    </message>
    <message>
        <source>This can no longer be undone or redone: {count} of the companies were changed or deleted since.</source>
        <translation>Das lässt sich nicht mehr rückgängig machen oder wiederholen: {count} der Unternehmen wurden inzwischen geändert oder gelöscht.</translation>
    </message>
    <message>
        <source>A lead cannot go from “{current}” to “{target}”.</source>
        <translation>Ein Lead kann nicht von „{current}“ zu „{target}“ wechseln.</translation>
    </message>
    <message>
        <source>A person without a company is not a lead. Link the person to a company first.</source>
        <translation>Eine Person ohne Unternehmen ist kein Lead. Verknüpfen Sie die Person zuerst mit einem Unternehmen.</translation>
    </message>
    <message>
        <source>An opportunity needs all four criteria met, with evidence. Still missing: {missing}.</source>
        <translation>Für eine Verkaufschance müssen alle vier Kriterien mit Nachweis erfüllt sein. Noch offen: {missing}.</translation>
    </message>
    <message>
        <source>Choose why the lead is disqualified.</source>
        <translation>Wählen Sie aus, warum der Lead disqualifiziert wird.</translation>
    </message>
    <message>
        <source>Give the date to qualify the lead again.</source>
        <translation>Geben Sie an, wann der Lead erneut qualifiziert werden soll.</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Pflichtfeld.</translation>
    </message>
    <message>
        <source>At most {limit} characters.</source>
        <translation>Höchstens {limit} Zeichen.</translation>
    </message>
    <message>
        <source>“{value}” is not a valid phone number. Enter it with area code, e.g. 0351 123456 or +49 351 123456.</source>
        <translation>„{value}“ ist keine gültige Telefonnummer. Geben Sie sie mit Vorwahl ein, z. B. 0351 123456 oder +49 351 123456.</translation>
    </message>
    <message>
        <source>“{value}” is not an e-mail address.</source>
        <translation>„{value}“ ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>Not a web address such as www.example.de.</source>
        <translation>Keine Webadresse wie www.beispiel.de.</translation>
    </message>
    <message>
        <source>“{value}” is not a postcode (country: {country}, e.g. {example}).</source>
        <translation>„{value}“ ist keine Postleitzahl (Land: {country}, z. B. {example}).</translation>
    </message>
    <message>
        <source>“{value}” is not a country. Enter its name or code, e.g. Österreich or AT.</source>
        <translation>„{value}“ ist kein Land. Geben Sie den Namen oder das Kürzel ein, z. B. Österreich oder AT.</translation>
    </message>
    <message>
        <source>“{value}” is not a valid VAT ID, e.g. DE136695976.</source>
        <translation>„{value}“ ist keine gültige USt-IdNr., z. B. DE136695976.</translation>
    </message>
    <message>
        <source>Must not be negative.</source>
        <translation>Darf nicht negativ sein.</translation>
    </message>
    <message>
        <source>The date lies in the future.</source>
        <translation>Das Datum liegt in der Zukunft.</translation>
    </message>
    <message>
        <source>Not a number, e.g. 2.500.000.</source>
        <translation>Keine Zahl, z. B. 2.500.000.</translation>
    </message>
    <message>
        <source>Met needs evidence: note what shows it (who said what, when).</source>
        <translation>„Erfüllt“ braucht einen Nachweis: Notieren Sie, woran es sich zeigt (wer was wann gesagt hat).</translation>
    </message>
    <message>
        <source>Must lie between {low} and {high}.</source>
        <translation>Muss zwischen {low} und {high} liegen.</translation>
    </message>
    <message>
        <source>The upper end lies below the lower end.</source>
        <translation>Der obere Wert liegt unter dem unteren.</translation>
    </message>
    <message>
        <source>“{value}” exists already.</source>
        <translation>„{value}“ gibt es schon.</translation>
    </message>
    <message>
        <source>A public holiday: {holiday}.</source>
        <translation>Ein Feiertag: {holiday}.</translation>
    </message>
    <message>
        <source>A Saturday or Sunday.</source>
        <translation>Ein Samstag oder Sonntag.</translation>
    </message>
    <message>
        <source>The person objected to advertising: nothing can be planned with them.</source>
        <translation>Die Person hat der Werbung widersprochen: Mit ihr kann nichts geplant werden.</translation>
    </message>
    <message>
        <source>The date lies in the past.</source>
        <translation>Das Datum liegt in der Vergangenheit.</translation>
    </message>
    <message>
        <source>The call went to the switchboard, not to a person; only a person can object.</source>
        <translation>Der Anruf ging an die Zentrale, nicht an eine Person; widersprechen kann nur eine Person.</translation>
    </message>
    <message>
        <source>It was done already.</source>
        <translation>Das ist schon erledigt.</translation>
    </message>
    <message>
        <source>The plan needs at least one step.</source>
        <translation>Der Plan braucht mindestens einen Schritt.</translation>
    </message>
    <message>
        <source>At most {most} steps.</source>
        <translation>Höchstens {most} Schritte.</translation>
    </message>
    <message>
        <source>Days after the step before must not be negative.</source>
        <translation>Die Tage nach dem vorigen Schritt dürfen nicht negativ sein.</translation>
    </message>
    <message>
        <source>At most {days} days after the step before.</source>
        <translation>Höchstens {days} Tage nach dem vorigen Schritt.</translation>
    </message>
    <message>
        <source>An unexpected error occurred: {reason}. The details are in the log file.</source>
        <translation>Ein unerwarteter Fehler ist aufgetreten: {reason}. Die Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
    <message>
        <source>Prospector</source>
        <translation>Prospector</translation>
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message numerus="yes">
        <source>%Ln overdue</source>
        <translation>
            <numerusform>%Ln überfällig</numerusform>
            <numerusform>%Ln überfällig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln planned</source>
        <translation>
            <numerusform>%Ln geplant</numerusform>
            <numerusform>%Ln geplant</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln done</source>
        <translation>
            <numerusform>%Ln erledigt</numerusform>
            <numerusform>%Ln erledigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Today, %1</source>
        <translation>Heute, %1</translation>
    </message>
    <message>
        <source>Public holiday: %1</source>
        <translation>Feiertag: %1</translation>
    </message>
    <message>
        <source>Nothing planned</source>
        <translation>Nichts geplant</translation>
    </message>
</context>
<context>
    <name>NurtureDialog</name>
    <message>
        <source>Nurture the lead</source>
        <translation>Lead in die Lead-Pflege geben</translation>
    </message>
    <message>
        <source>Why it waits, what to ask next time</source>
        <translation>Warum er wartet, was beim nächsten Mal zu fragen ist</translation>
    </message>
    <message>
        <source>The lead is not ready yet. It stays in nurturing and is qualified again from the date you give.</source>
        <translation>Der Lead ist noch nicht so weit. Er bleibt in der Lead-Pflege und wird ab dem angegebenen Datum erneut qualifiziert.</translation>
    </message>
    <message>
        <source>&amp;Qualify again on:</source>
        <translation>&amp;Erneut qualifizieren am:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>Nurture</source>
        <translation>In Lead-Pflege geben</translation>
    </message>
</context>
<context>
    <name>OpenOpportunityDialog</name>
    <message>
        <source>Create opportunity</source>
        <translation>Verkaufschance anlegen</translation>
    </message>
    <message>
        <source>What will be offered</source>
        <translation>Was angeboten wird</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Wert:</translation>
    </message>
    <message>
        <source>Expected &amp;close:</source>
        <translation>Erwarteter Ab&amp;schluss:</translation>
    </message>
    <message>
        <source>O&amp;ffer:</source>
        <translation>An&amp;gebot:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Anlegen</translation>
    </message>
    <message>
        <source>A title is required</source>
        <translation>Ein Titel ist erforderlich</translation>
    </message>
</context>
<context>
    <name>OpportunityDialog</name>
    <message>
        <source>Opportunity “%1”</source>
        <translation>Verkaufschance „%1“</translation>
    </message>
    <message>
        <source>What is offered, at what terms</source>
        <translation>Was angeboten wird, zu welchen Konditionen</translation>
    </message>
    <message>
        <source>in euros, e.g. 25.000</source>
        <translation>in Euro, z. B. 25.000</translation>
    </message>
    <message>
        <source>E&amp;xpected close</source>
        <translation>Erwarteter Abschl&amp;uss</translation>
    </message>
    <message>
        <source>Choose a reason</source>
        <translation>Grund auswählen</translation>
    </message>
    <message>
        <source>optional, in your own words</source>
        <translation>optional, in eigenen Worten</translation>
    </message>
    <message>
        <source>&amp;Title *</source>
        <translation>&amp;Titel *</translation>
    </message>
    <message>
        <source>O&amp;ffer</source>
        <translation>An&amp;gebot</translation>
    </message>
    <message>
        <source>&amp;Value</source>
        <translation>&amp;Wert</translation>
    </message>
    <message>
        <source>St&amp;age</source>
        <translation>Phas&amp;e</translation>
    </message>
    <message>
        <source>&amp;Probability</source>
        <translation>Wahrsc&amp;heinlichkeit</translation>
    </message>
    <message>
        <source>O&amp;wner</source>
        <translation>&amp;Bearbeiter</translation>
    </message>
    <message>
        <source>&amp;Lost because</source>
        <translation>&amp;Verlustgrund</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <source>Discard the changes you made to this opportunity?</source>
        <translation>Die Änderungen an dieser Verkaufschance verwerfen?</translation>
    </message>
</context>
<context>
    <name>OutcomeEntry</name>
    <message>
        <source>&amp;Details…</source>
        <translation>Deta&amp;ils…</translation>
    </message>
    <message>
        <source>Any outcome, with notes (Enter)</source>
        <translation>Jedes Ergebnis, mit Notizen (Eingabetaste)</translation>
    </message>
    <message>
        <source>Qualification chec&amp;klist…</source>
        <translation>Qualifizierungs-&amp;Checkliste…</translation>
    </message>
    <message>
        <source>The lead&apos;s four criteria (Q)</source>
        <translation>Die vier Kriterien des Leads (Q)</translation>
    </message>
    <message>
        <source>Back to the &amp;list</source>
        <translation>Zurück zur &amp;Liste</translation>
    </message>
    <message>
        <source>Backspace: back · Enter: details · Q: checklist</source>
        <translation>Rücktaste: zurück · Eingabetaste: Details · Q: Checkliste</translation>
    </message>
    <message>
        <source>Enter the outcomes in the order of the printed list: the numbers are those on the sheets. One key per call; it is recorded at once.</source>
        <translation>Tragen Sie die Ergebnisse in der Reihenfolge der gedruckten Liste ein: Die Nummern sind die auf den Blättern. Eine Taste je Anruf; das Ergebnis wird sofort gespeichert.</translation>
    </message>
    <message>
        <source>Enter the outcomes in the order shown (no PDF was made for this list). One key per call; it is recorded at once.</source>
        <translation>Tragen Sie die Ergebnisse in der angezeigten Reihenfolge ein (für diese Liste wurde kein PDF erstellt). Eine Taste je Anruf; das Ergebnis wird sofort gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>All %Ln call(s) entered.</source>
        <translation>
            <numerusform>%Ln Anruf eingetragen.</numerusform>
            <numerusform>Alle %Ln Anrufe eingetragen.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 entered.</source>
        <translation>%1 von %2 eingetragen.</translation>
    </message>
    <message>
        <source>No. %1 is entered already; correct it in the company&apos;s activities.</source>
        <translation>Nr. %1 ist schon eingetragen; korrigieren Sie das Ergebnis im Verlauf des Unternehmens.</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Preview – %1</source>
        <translation>Vorschau – %1</translation>
    </message>
    <message>
        <source>Open in &amp;viewer</source>
        <translation>Im &amp;Standardprogramm öffnen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>This installation cannot show PDF files itself. The call day is saved as %1; open it in your PDF viewer to look at it and print it.</source>
        <translation>Diese Installation kann PDF-Dateien nicht selbst anzeigen. Der Anruftag ist als %1 gespeichert; öffnen Sie die Datei in Ihrem PDF-Programm, um sie anzusehen und zu drucken.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln page(s)</source>
        <translation>
            <numerusform>%Ln Seite</numerusform>
            <numerusform>%Ln Seiten</numerusform>
        </translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+−)</source>
        <translation>Verkleinern (Strg+−)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Vergrößern (Strg++)</translation>
    </message>
    <message>
        <source>Fit &amp;width</source>
        <translation>&amp;Breite anpassen</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Drucken…</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>No program to show PDF files was found. The file is %1.</source>
        <translation>Es wurde kein Programm gefunden, das PDF-Dateien anzeigt. Die Datei ist %1.</translation>
    </message>
    <message>
        <source>Save the call day as</source>
        <translation>Anruftag speichern unter</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>Der Drucker konnte nicht gestartet werden.</translation>
    </message>
</context>
<context>
    <name>PersonaMatchDialog</name>
    <message>
        <source>Match contacts to personas</source>
        <translation>Ansprechpartner den Zielpersonen zuordnen</translation>
    </message>
    <message>
        <source>Reading the job titles…</source>
        <translation>Positionen werden gelesen…</translation>
    </message>
    <message>
        <source>Tick &amp;all</source>
        <translation>&amp;Alle ankreuzen</translation>
    </message>
    <message>
        <source>Tick &amp;none</source>
        <translation>&amp;Keine ankreuzen</translation>
    </message>
    <message>
        <source>Assign ticked</source>
        <translation>Angekreuzte zuordnen</translation>
    </message>
    <message>
        <source>No contact without a persona has a job title that fits one. Add titles or keywords to the personas and try again.</source>
        <translation>Kein Ansprechpartner ohne Zielperson hat eine Position, die zu einer passt. Ergänzen Sie Positionen oder Stichwörter der Zielpersonen und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>%1 contacts without a persona fit one by their job title; %2 are ticked. Certain matches (80 and more) are ticked already.</source>
        <translation>%1 Ansprechpartner ohne Zielperson passen nach ihrer Position zu einer; %2 sind angekreuzt. Sichere Treffer (ab 80) sind schon angekreuzt.</translation>
    </message>
</context>
<context>
    <name>PersonaPage</name>
    <message>
        <source>New persona</source>
        <translation>Neue Zielperson</translation>
    </message>
    <message>
        <source>&amp;New persona</source>
        <translation>Ne&amp;ue Zielperson</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Match contacts…</source>
        <translation>Ansprechpartner zuordnen…</translation>
    </message>
    <message>
        <source>Suggest a persona for every contact whose job title fits one</source>
        <translation>Für jeden Ansprechpartner, dessen Position passt, eine Zielperson vorschlagen</translation>
    </message>
    <message>
        <source>One per line, e.g.
Einkaufsleiter
Leiter Einkauf
Head of Procurement</source>
        <translation>Eine pro Zeile, z. B.
Einkaufsleiter
Leiter Einkauf
Head of Procurement</translation>
    </message>
    <message>
        <source>One per line, e.g. Einkauf, Procurement</source>
        <translation>Eines pro Zeile, z. B. Einkauf, Procurement</translation>
    </message>
    <message>
        <source>e.g. management, head of department</source>
        <translation>z. B. Geschäftsleitung, Abteilungsleitung</translation>
    </message>
    <message>
        <source>Can approve the budget</source>
        <translation>Kann das Budget freigeben</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Job &amp;titles:</source>
        <translation>&amp;Positionen:</translation>
    </message>
    <message>
        <source>&amp;Keywords:</source>
        <translation>Stich&amp;wörter:</translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation>Ab&amp;teilung:</translation>
    </message>
    <message>
        <source>S&amp;eniority:</source>
        <translation>Hi&amp;erarchieebene:</translation>
    </message>
    <message>
        <source>Decision &amp;role:</source>
        <translation>Entscheidungs&amp;rolle:</translation>
    </message>
    <message>
        <source>&amp;Goals:</source>
        <translation>&amp;Ziele:</translation>
    </message>
    <message>
        <source>&amp;Pains:</source>
        <translation>Sch&amp;merzpunkte:</translation>
    </message>
    <message>
        <source>&amp;Objections:</source>
        <translation>Einwän&amp;de:</translation>
    </message>
    <message>
        <source>Talking &amp;points:</source>
        <translation>&amp;Gesprächspunkte:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save the persona (Ctrl+S)</source>
        <translation>Zielperson speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Änderungen verwerfen</translation>
    </message>
    <message>
        <source>Not saved yet.</source>
        <translation>Noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>Unsaved persona</source>
        <translation>Zielperson nicht gespeichert</translation>
    </message>
    <message>
        <source>Save the changes to the persona “{name}”?</source>
        <translation>Die Änderungen an der Zielperson „{name}“ speichern?</translation>
    </message>
    <message>
        <source>Delete persona</source>
        <translation>Zielperson löschen</translation>
    </message>
    <message>
        <source>Delete the persona “{name}”? Contacts matched to it keep everything else.</source>
        <translation>Die Zielperson „{name}“ löschen? Zugeordnete Ansprechpartner behalten alles andere.</translation>
    </message>
</context>
<context>
    <name>PersonalDataActions</name>
    <message>
        <source>E&amp;xport the person&apos;s data (GDPR Art. 15)…</source>
        <translation>Daten der Person e&amp;xportieren (Auskunft, Art. 15 DSGVO)…</translation>
    </message>
    <message>
        <source>E&amp;rase the person on request (GDPR Art. 17)…</source>
        <translation>Person auf &amp;Verlangen löschen (Art. 17 DSGVO)…</translation>
    </message>
    <message>
        <source>Export the person&apos;s data</source>
        <translation>Daten der Person exportieren</translation>
    </message>
    <message>
        <source>JSON file (*.json)</source>
        <translation>JSON-Datei (*.json)</translation>
    </message>
    <message>
        <source>Exporting the person&apos;s data…</source>
        <translation>Exportiere die Daten der Person…</translation>
    </message>
    <message>
        <source>Everything stored about the person is in %1: every field, their company, activities, qualification and opportunities, and where the data came from.</source>
        <translation>Alles, was über die Person gespeichert ist, steht in %1: jedes Feld, ihr Unternehmen, Aktivitäten, Qualifizierung und Verkaufschancen, und woher die Daten stammen.</translation>
    </message>
    <message>
        <source>Erase the person</source>
        <translation>Person löschen</translation>
    </message>
    <message>
        <source>Erase “%1” with their activities and qualification, as they asked (GDPR Art. 17)? This cannot be undone.</source>
        <translation>„%1“ mit Aktivitäten und Qualifizierung löschen, wie verlangt (Art. 17 DSGVO)? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Only keyed hashes of their e-mail address and phone numbers are kept, so that no later import brings them back. Their company stays. Backups made before today still hold them until they are thinned out.</source>
        <translation>Es bleiben nur verschlüsselte Prüfwerte (Hashes) der E-Mail-Adresse und der Telefonnummern, damit kein späterer Import die Person zurückbringt. Das Unternehmen bleibt. Sicherungen von vor heute enthalten die Person noch, bis sie ausgedünnt werden.</translation>
    </message>
    <message>
        <source>&amp;Erase</source>
        <translation>&amp;Löschen</translation>
    </message>
</context>
<context>
    <name>Pipeline</name>
    <message>
        <source>No reason given</source>
        <translation>Kein Grund angegeben</translation>
    </message>
    <message>
        <source>no value yet</source>
        <translation>noch kein Wert</translation>
    </message>
    <message>
        <source>closed %1</source>
        <translation>am %1</translation>
    </message>
    <message>
        <source>closes %1</source>
        <translation>erwartet %1</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>Weighted</source>
        <translation>Gewichtet</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>Erwarteter Abschluss</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Bearbeiter</translation>
    </message>
</context>
<context>
    <name>PipelinePage</name>
    <message>
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Title or company</source>
        <translation>Titel oder Unternehmen</translation>
    </message>
    <message>
        <source>Closing &amp;until</source>
        <translation>Abschl&amp;uss bis</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>Alle Phasen</translation>
    </message>
    <message>
        <source>St&amp;age</source>
        <translation>Phas&amp;e</translation>
    </message>
    <message>
        <source>Boar&amp;d</source>
        <translation>&amp;Pipeline</translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation>&amp;Liste</translation>
    </message>
    <message>
        <source>&amp;Owner</source>
        <translation>Bearbei&amp;ter</translation>
    </message>
    <message>
        <source>Sear&amp;ch</source>
        <translation>Su&amp;che</translation>
    </message>
    <message>
        <source>◀ &amp;Back</source>
        <translation>◀ &amp;Zurück</translation>
    </message>
    <message>
        <source>Move the deal one stage back (Ctrl+Left)</source>
        <translation>Die Verkaufschance in die vorige Phase zurücksetzen (Strg+Links)</translation>
    </message>
    <message>
        <source>For&amp;ward ▶</source>
        <translation>&amp;Weiter ▶</translation>
    </message>
    <message>
        <source>Move the deal one stage on (Ctrl+Right)</source>
        <translation>Die Verkaufschance in die nächste Phase bringen (Strg+Rechts)</translation>
    </message>
    <message>
        <source>Wo&amp;n</source>
        <translation>&amp;Gewonnen</translation>
    </message>
    <message>
        <source>Lo&amp;st…</source>
        <translation>&amp;Verloren…</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>Bearbe&amp;iten…</translation>
    </message>
    <message>
        <source>Open the deal (Enter or double-click)</source>
        <translation>Die Verkaufschance öffnen (Eingabetaste oder Doppelklick)</translation>
    </message>
    <message>
        <source>Move back</source>
        <translation>Eine Phase zurück</translation>
    </message>
    <message>
        <source>Move on</source>
        <translation>Eine Phase weiter</translation>
    </message>
    <message numerus="yes">
        <source>%Ln deals listed</source>
        <translation>
            <numerusform>%Ln Verkaufschance aufgelistet</numerusform>
            <numerusform>%Ln Verkaufschancen aufgelistet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Open: %Ln deals · %1 · weighted %2</source>
        <translation>
            <numerusform>Offen: %Ln Verkaufschance · %1 · gewichtet %2</numerusform>
            <numerusform>Offen: %Ln Verkaufschancen · %1 · gewichtet %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Lost: %1</source>
        <translation>Verloren: %1</translation>
    </message>
    <message>
        <source>Lost: none</source>
        <translation>Verloren: keine</translation>
    </message>
    <message>
        <source>No deals yet. A lead becomes one when its qualification has all four criteria met and you open an opportunity.</source>
        <translation>Noch keine Verkaufschancen. Aus einem Lead wird eine, wenn bei seiner Qualifizierung alle vier Kriterien erfüllt sind und Sie eine Verkaufschance anlegen.</translation>
    </message>
</context>
<context>
    <name>PlannerPage</name>
    <message>
        <source>in %1 months</source>
        <translation>in %1 Monaten</translation>
    </message>
    <message>
        <source>Use my rates</source>
        <translation>Meine Quoten übernehmen</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <source>New &amp;customers wanted:</source>
        <translation>&amp;Neukunden als Ziel:</translation>
    </message>
    <message>
        <source>P&amp;eriod:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>Core company → &amp;lead:</source>
        <translation>Kernunternehmen → &amp;Lead:</translation>
    </message>
    <message>
        <source>Lead → c&amp;ustomer:</source>
        <translation>Lead → &amp;Kunde:</translation>
    </message>
    <message>
        <source>Goal and rates</source>
        <translation>Ziel und Quoten</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Als PNG speichern…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Als PDF speichern…</translation>
    </message>
    <message>
        <source>Each company keeps its source; an import gives its new companies one. Type what a source cost into its cost cell (double-click or F2).</source>
        <translation>Jedes Unternehmen behält seine Quelle; ein Import gibt seinen neuen Unternehmen eine. Tragen Sie ein, was eine Quelle gekostet hat (Doppelklick oder F2 in der Kostenzelle).</translation>
    </message>
    <message>
        <source>Funnel: planned and actual</source>
        <translation>Trichter: geplant und tatsächlich</translation>
    </message>
    <message>
        <source>Sources and costs</source>
        <translation>Quellen und Kosten</translation>
    </message>
    <message>
        <source>%1 (active)</source>
        <translation>%1 (aktiv)</translation>
    </message>
    <message>
        <source>No ideal customer yet: all companies</source>
        <translation>Noch kein idealer Kunde: alle Unternehmen</translation>
    </message>
    <message>
        <source>All companies</source>
        <translation>Alle Unternehmen</translation>
    </message>
    <message>
        <source>Cost not saved</source>
        <translation>Kosten nicht gespeichert</translation>
    </message>
    <message>
        <source>Enter the cost as an amount in euros of 0 or more, e.g. 2.500.</source>
        <translation>Geben Sie die Kosten als Betrag in Euro ab 0 ein, z. B. 2.500.</translation>
    </message>
    <message>
        <source>Your own rates are shown once %1 leads are decided (won, lost or disqualified); so far %2.</source>
        <translation>Ihre eigenen Quoten erscheinen, sobald %1 Leads entschieden sind (gewonnen, verloren oder disqualifiziert); bisher %2.</translation>
    </message>
    <message>
        <source>core company → lead %1 % (from %2 companies worked on)</source>
        <translation>Kernunternehmen → Lead %1 % (aus %2 bearbeiteten Unternehmen)</translation>
    </message>
    <message>
        <source>lead → customer %1 % (from %2 decided leads)</source>
        <translation>Lead → Kunde %1 % (aus %2 entschiedenen Leads)</translation>
    </message>
    <message>
        <source>No decided lead became a customer yet: the rule of ten stays.</source>
        <translation>Noch kein entschiedener Lead wurde Kunde: Es bleibt bei der Zehnerregel.</translation>
    </message>
    <message>
        <source>Your rates: %1</source>
        <translation>Ihre Quoten: %1</translation>
    </message>
    <message>
        <source>%1 new customers %4 need %2 leads from %3 companies of the core group.</source>
        <translation>%1 Neukunden %4 brauchen %2 Leads aus %3 Unternehmen der Kerngruppe.</translation>
    </message>
    <message>
        <source>Enter how many new customers you want.</source>
        <translation>Geben Sie ein, wie viele Neukunden Sie gewinnen wollen.</translation>
    </message>
    <message>
        <source>Your core group is enough: %1 companies, %2 needed.</source>
        <translation>Ihre Kerngruppe reicht: %1 Unternehmen, %2 nötig.</translation>
    </message>
    <message>
        <source>Your core group is enough for %1 of %2 customers: %3 companies, %4 needed.</source>
        <translation>Ihre Kerngruppe reicht für %1 von %2 Kunden: %3 Unternehmen, %4 nötig.</translation>
    </message>
    <message>
        <source>Funnel of “%1”</source>
        <translation>Trichter von „%1“</translation>
    </message>
    <message>
        <source>No single must-criterion holds the core group back: widen the profile or add companies to the database.</source>
        <translation>Kein einzelnes Muss-Kriterium bremst die Kerngruppe: Erweitern Sie das Profil oder nehmen Sie mehr Unternehmen auf.</translation>
    </message>
    <message>
        <source>What if one must-criterion were dropped:</source>
        <translation>Was wäre, wenn ein Muss-Kriterium wegfiele:</translation>
    </message>
    <message>
        <source>without “%1”: +%2 companies, enough</source>
        <translation>ohne „%1“: +%2 Unternehmen, reicht</translation>
    </message>
    <message>
        <source>without “%1”: +%2 companies, still %3 short</source>
        <translation>ohne „%1“: +%2 Unternehmen, fehlen noch %3</translation>
    </message>
    <message>
        <source>Target group</source>
        <translation>Zielgruppe</translation>
    </message>
    <message>
        <source>Core group</source>
        <translation>Kerngruppe</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Opportunities</source>
        <translation>Verkaufschancen</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Save the funnel as PNG</source>
        <translation>Trichter als PNG speichern</translation>
    </message>
    <message>
        <source>Funnel.png</source>
        <translation>Trichter.png</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>Save the funnel as PDF</source>
        <translation>Trichter als PDF speichern</translation>
    </message>
    <message>
        <source>Funnel.pdf</source>
        <translation>Trichter.pdf</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>PLZ</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Problems and notes</source>
        <translation>Probleme und Hinweise</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>The rows as they will be stored. Nothing is stored until you click Import.</source>
        <translation>Die Zeilen so, wie sie gespeichert werden. Gespeichert wird erst, wenn Sie auf „Importieren“ klicken.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>&amp;Country of rows that name none:</source>
        <translation>&amp;Land der Zeilen ohne Land:</translation>
    </message>
    <message>
        <source>&amp;Source of the new companies:</source>
        <translation>&amp;Quelle der neuen Unternehmen:</translation>
    </message>
    <message>
        <source>&amp;Only rows with problems</source>
        <translation>&amp;Nur Zeilen mit Problemen</translation>
    </message>
    <message numerus="yes">
        <source>Checking %Ln rows…</source>
        <translation>
            <numerusform>%Ln Zeile wird geprüft …</numerusform>
            <numerusform>%Ln Zeilen werden geprüft …</numerusform>
        </translation>
    </message>
    <message>
        <source>There is nothing to import: every row has an error or is already in the database. Go back to change the columns or the duplicate handling.</source>
        <translation>Es gibt nichts zu importieren: Jede Zeile hat einen Fehler oder ist schon in der Datenbank. Gehen Sie zurück und ändern Sie die Spaltenzuordnung oder den Umgang mit Dubletten.</translation>
    </message>
    <message>
        <source>suggested by the postcodes and phone numbers of the file</source>
        <translation>vorgeschlagen anhand der Postleitzahlen und Telefonnummern der Datei</translation>
    </message>
    <message>
        <source>the file does not suggest one</source>
        <translation>die Datei legt keines nahe</translation>
    </message>
    <message>
        <source>The check was cancelled. Go back and try again.</source>
        <translation>Die Prüfung wurde abgebrochen. Gehen Sie zurück und versuchen Sie es erneut.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) with problems.</source>
        <translation>
            <numerusform>%Ln Zeile mit Problemen.</numerusform>
            <numerusform>%Ln Zeilen mit Problemen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s).</source>
        <translation>
            <numerusform>%Ln Zeile.</numerusform>
            <numerusform>%Ln Zeilen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>Ideal customer</source>
        <translation>Idealer Kunde</translation>
    </message>
    <message>
        <source>New profile…</source>
        <translation>Neues Profil…</translation>
    </message>
    <message>
        <source>Make active</source>
        <translation>Aktiv setzen</translation>
    </message>
    <message>
        <source>Score every company against this profile and plan with its core group</source>
        <translation>Alle Unternehmen an diesem Profil messen und mit seiner Kerngruppe planen</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <source>The core group: the companies that meet every must-criterion. Plan with it, not with the whole market.</source>
        <translation>Die Kerngruppe: die Unternehmen, die jedes Muss-Kriterium erfüllen. Planen Sie mit ihr, nicht mit dem ganzen Markt.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Criteria</source>
        <translation>Kriterien</translation>
    </message>
    <message>
        <source>What the call sheets print</source>
        <translation>Was die Anrufbögen drucken</translation>
    </message>
    <message>
        <source>&amp;Markets:</source>
        <translation>&amp;Märkte:</translation>
    </message>
    <message>
        <source>P&amp;ain points:</source>
        <translation>Schmer&amp;zpunkte:</translation>
    </message>
    <message>
        <source>&amp;Value proposition:</source>
        <translation>Nutzen&amp;versprechen:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>N&amp;otizen:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save the profile (Ctrl+S)</source>
        <translation>Profil speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Änderungen verwerfen</translation>
    </message>
    <message>
        <source>%1 (active)</source>
        <translation>%1 (aktiv)</translation>
    </message>
    <message>
        <source>%1 (new)</source>
        <translation>%1 (neu)</translation>
    </message>
    <message>
        <source>Not saved yet.</source>
        <translation>Noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>Active: the fit scores of all companies follow this profile.</source>
        <translation>Aktiv: Die Passung aller Unternehmen folgt diesem Profil.</translation>
    </message>
    <message>
        <source>Not active: the fit scores follow another profile.</source>
        <translation>Nicht aktiv: Die Passung folgt einem anderen Profil.</translation>
    </message>
    <message>
        <source>Core group: check the postcode areas</source>
        <translation>Kerngruppe: PLZ-Gebiete prüfen</translation>
    </message>
    <message>
        <source>Core group: %1 of %2 companies (%3 %)</source>
        <translation>Kerngruppe: %1 von %2 Unternehmen (%3 %)</translation>
    </message>
    <message>
        <source>Counting what each criterion costs…</source>
        <translation>Was jedes Kriterium kostet, wird gezählt…</translation>
    </message>
    <message>
        <source>Scoring every company against the profile…</source>
        <translation>Alle Unternehmen werden am Profil gemessen…</translation>
    </message>
    <message>
        <source>Unsaved profile</source>
        <translation>Profil nicht gespeichert</translation>
    </message>
    <message>
        <source>Save the changes to the profile “{name}”?</source>
        <translation>Die Änderungen am Profil „{name}“ speichern?</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>Neues Profil</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Delete the profile “{name}”?</source>
        <translation>Das Profil „{name}“ löschen?</translation>
    </message>
    <message>
        <source>It is the active one: the fit scores are cleared.</source>
        <translation>Es ist das aktive: Die Passungen werden gelöscht.</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>Profil löschen</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>Bitte warten</translation>
    </message>
</context>
<context>
    <name>QualificationDialog</name>
    <message>
        <source>Does this person decide?</source>
        <translation>Entscheidet diese Person?</translation>
    </message>
    <message>
        <source>&amp;Authority:</source>
        <translation>&amp;Befugnis:</translation>
    </message>
    <message>
        <source>Is there a need we can meet?</source>
        <translation>Gibt es einen Bedarf, den wir decken können?</translation>
    </message>
    <message>
        <source>&amp;Need:</source>
        <translation>Be&amp;darf:</translation>
    </message>
    <message>
        <source>Is money there for it?</source>
        <translation>Ist Geld dafür da?</translation>
    </message>
    <message>
        <source>B&amp;udget:</source>
        <translation>B&amp;udget:</translation>
    </message>
    <message>
        <source>Does the decision fall in the sales period?</source>
        <translation>Fällt die Entscheidung in den üblichen Verkaufszyklus?</translation>
    </message>
    <message>
        <source>&amp;Timing:</source>
        <translation>Zei&amp;tpunkt:</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>&amp;Checklist</source>
        <translation>&amp;Checkliste</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>Create &amp;opportunity…</source>
        <translation>Verkaufschance an&amp;legen…</translation>
    </message>
    <message>
        <source>Nu&amp;rture…</source>
        <translation>In Lead-Pflege &amp;geben…</translation>
    </message>
    <message>
        <source>Dis&amp;qualify…</source>
        <translation>Dis&amp;qualifizieren…</translation>
    </message>
    <message>
        <source>Take &amp;up again</source>
        <translation>Wieder auf&amp;nehmen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Also decide or &amp;influence:</source>
        <translation>&amp;Weitere Entscheider oder Beeinflusser:</translation>
    </message>
    <message>
        <source>The active ideal customer lists no pain points yet; note the need above.</source>
        <translation>Der aktive ideale Kunde nennt noch keine Schmerzpunkte; notieren Sie den Bedarf oben.</translation>
    </message>
    <message>
        <source>&amp;Pains they have:</source>
        <translation>Zutreffende Schmerz&amp;punkte:</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>e.g. 2027 or second half of 2027</source>
        <translation>z. B. 2027 oder zweites Halbjahr 2027</translation>
    </message>
    <message>
        <source>Available:</source>
        <translation>Vorhanden:</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>&amp;Rahmen:</translation>
    </message>
    <message>
        <source>Budget &amp;period:</source>
        <translation>Budget&amp;zeitraum:</translation>
    </message>
    <message>
        <source>&amp;Decision expected on</source>
        <translation>&amp;Entscheidung erwartet am</translation>
    </message>
    <message>
        <source>no company</source>
        <translation>kein Unternehmen</translation>
    </message>
    <message>
        <source>Qualify %1</source>
        <translation>%1 qualifizieren</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>Persona: %1</source>
        <translation>Zielperson: %1</translation>
    </message>
    <message>
        <source>qualify again on %1</source>
        <translation>erneut qualifizieren am %1</translation>
    </message>
    <message>
        <source>Status: %1 → %2</source>
        <translation>Status: %1 → %2</translation>
    </message>
    <message>
        <source>Opportunity created</source>
        <translation>Verkaufschance angelegt</translation>
    </message>
    <message>
        <source>Decision expected on %1</source>
        <translation>Entscheidung erwartet am %1</translation>
    </message>
    <message>
        <source>%1–%2 months</source>
        <translation>%1–%2 Monate</translation>
    </message>
    <message>
        <source>Ask when they decide. The usual sales period is %1.</source>
        <translation>Fragen Sie, wann entschieden wird. Der übliche Verkaufszyklus beträgt %1.</translation>
    </message>
    <message>
        <source>That date has passed: ask again when they decide.</source>
        <translation>Dieses Datum ist vorbei: Fragen Sie erneut, wann entschieden wird.</translation>
    </message>
    <message>
        <source>Sooner than the usual %1: timing is met, the offer must hurry.</source>
        <translation>Früher als die üblichen %1: Der Zeitpunkt ist erfüllt, das Angebot muss schnell kommen.</translation>
    </message>
    <message>
        <source>Inside the usual %1: timing is met.</source>
        <translation>Innerhalb der üblichen %1: Der Zeitpunkt ist erfüllt.</translation>
    </message>
    <message>
        <source>Later than the usual %1: nurture the lead and qualify it again from %2.</source>
        <translation>Später als die üblichen %1: Geben Sie den Lead in die Lead-Pflege und qualifizieren Sie ihn ab %2 erneut.</translation>
    </message>
    <message>
        <source>All four criteria are met: an offer can be placed.</source>
        <translation>Alle vier Kriterien sind erfüllt: Ein Angebot kann abgegeben werden.</translation>
    </message>
    <message>
        <source>Not met: %1. Nurture the lead, or disqualify it.</source>
        <translation>Nicht erfüllt: %1. Geben Sie den Lead in die Lead-Pflege oder disqualifizieren Sie ihn.</translation>
    </message>
    <message>
        <source>%1 of 4 criteria met; still open: %2.</source>
        <translation>%1 von 4 Kriterien erfüllt; noch offen: %2.</translation>
    </message>
    <message>
        <source>Creates the opportunity: an offer can be placed.</source>
        <translation>Legt die Verkaufschance an: Ein Angebot kann abgegeben werden.</translation>
    </message>
    <message>
        <source>Needs all four criteria met with evidence. Missing: %1.</source>
        <translation>Dafür müssen alle vier Kriterien mit Nachweis erfüllt sein. Noch offen: %1.</translation>
    </message>
    <message>
        <source>Your entries are still here. Save them over the other change (it stays in the history), or show the stored checklist instead of yours.</source>
        <translation>Ihre Eingaben sind noch da. Speichern Sie sie über die andere Änderung hinweg (diese bleibt im Verlauf erhalten), oder zeigen Sie statt Ihrer Eingaben die gespeicherte Checkliste an.</translation>
    </message>
    <message>
        <source>Save mine</source>
        <translation>Meine speichern</translation>
    </message>
    <message>
        <source>Show the stored one</source>
        <translation>Gespeicherte anzeigen</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Weiter bearbeiten</translation>
    </message>
    <message>
        <source>Offer for %1</source>
        <translation>Angebot für %1</translation>
    </message>
    <message>
        <source>Save the changes to the checklist?</source>
        <translation>Die Änderungen an der Checkliste speichern?</translation>
    </message>
</context>
<context>
    <name>QuickCriteria</name>
    <message>
        <source>&amp;Authority</source>
        <translation>&amp;Befugnis</translation>
    </message>
    <message>
        <source>Nee&amp;d</source>
        <translation>Be&amp;darf</translation>
    </message>
    <message>
        <source>B&amp;udget</source>
        <translation>B&amp;udget</translation>
    </message>
    <message>
        <source>Timin&amp;g</source>
        <translation>Zeit&amp;punkt</translation>
    </message>
    <message>
        <source>Required for met: who said what</source>
        <translation>Für „erfüllt“ nötig: wer was gesagt hat</translation>
    </message>
    <message>
        <source>What shows it</source>
        <translation>Woran es sich zeigt</translation>
    </message>
</context>
<context>
    <name>RescheduleDialog</name>
    <message>
        <source>Move touch</source>
        <translation>Kontakt verschieben</translation>
    </message>
    <message>
        <source>&amp;All day</source>
        <translation>&amp;Ganztägig</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Tag</translation>
    </message>
    <message>
        <source>&amp;Time</source>
        <translation>&amp;Uhrzeit</translation>
    </message>
    <message>
        <source>&amp;Move</source>
        <translation>&amp;Verschieben</translation>
    </message>
    <message>
        <source>A public holiday: %1</source>
        <translation>Ein Feiertag: %1</translation>
    </message>
    <message>
        <source>A weekend day.</source>
        <translation>Ein Tag am Wochenende.</translation>
    </message>
</context>
<context>
    <name>RestoreAtOpen</name>
    <message>
        <source>%1: %2 companies, %3 contacts</source>
        <translation>%1: %2 Unternehmen, %3 Ansprechpartner</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Put this backup in place of the damaged file (which is kept in the backups folder):</source>
        <translation>Diese Sicherung an die Stelle der beschädigten Datei setzen (die im Ordner der Sicherungen aufbewahrt wird):</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>Importing</source>
        <translation>Import läuft</translation>
    </message>
    <message>
        <source>Everything is stored at once at the end. If you cancel, nothing is imported and the database stays as it was.</source>
        <translation>Alles wird erst am Ende auf einmal gespeichert. Wenn Sie abbrechen, wird nichts importiert und die Datenbank bleibt, wie sie war.</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <source>&amp;Start the import again</source>
        <translation>Import &amp;erneut starten</translation>
    </message>
    <message>
        <source>&amp;Back to the preview</source>
        <translation>Zurück zur &amp;Vorschau</translation>
    </message>
    <message numerus="yes">
        <source>Importing %Ln rows from %1…</source>
        <translation>
            <numerusform>%Ln Zeile aus %1 wird importiert …</numerusform>
            <numerusform>%Ln Zeilen aus %1 werden importiert …</numerusform>
        </translation>
    </message>
    <message>
        <source>The import failed: %1 Nothing was imported; the database is unchanged.</source>
        <translation>Der Import ist fehlgeschlagen: %1 Es wurde nichts importiert; die Datenbank ist unverändert.</translation>
    </message>
    <message>
        <source>The import was cancelled. Nothing was imported; the database is unchanged.</source>
        <translation>Der Import wurde abgebrochen. Es wurde nichts importiert; die Datenbank ist unverändert.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Default file on this computer</source>
        <translation>&amp;Standarddatei auf diesem Computer</translation>
    </message>
    <message>
        <source>Another &amp;file</source>
        <translation>Andere &amp;Datei</translation>
    </message>
    <message>
        <source>Shared &amp;PostgreSQL server</source>
        <translation>Gemeinsamer &amp;PostgreSQL-Server</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Du&amp;rchsuchen…</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Nobody chosen</source>
        <translation>Niemand ausgewählt</translation>
    </message>
    <message>
        <source>Your leads are shown under “My leads”, and what you qualify is recorded under your name.</source>
        <translation>Ihre Leads erscheinen unter „Meine Leads“, und was Sie qualifizieren, wird unter Ihrem Namen festgehalten.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;I am</source>
        <translation>&amp;Ich bin</translation>
    </message>
    <message>
        <source>Changes take effect when Prospector is started again.</source>
        <translation>Änderungen gelten ab dem nächsten Start von Prospector.</translation>
    </message>
    <message>
        <source> months</source>
        <translation> Monate</translation>
    </message>
    <message>
        <source>Usual &amp;sales period:</source>
        <translation>Üblicher &amp;Verkaufszyklus:</translation>
    </message>
    <message>
        <source>A decision expected within the longer period meets the timing criterion; a later one sends the lead to nurturing.</source>
        <translation>Wird die Entscheidung innerhalb des oberen Werts erwartet, ist das Kriterium Zeitpunkt erfüllt; eine spätere Entscheidung schickt den Lead in die Lead-Pflege.</translation>
    </message>
    <message>
        <source>Chance at “%1”:</source>
        <translation>Wahrscheinlichkeit bei „%1“:</translation>
    </message>
    <message>
        <source>Qualifying and pipeline (for the whole team)</source>
        <translation>Qualifizierung und Pipeline (für das ganze Team)</translation>
    </message>
    <message>
        <source>Only the nationwide holidays</source>
        <translation>Nur die bundesweiten Feiertage</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Plan touches on weekends and public holidays too</source>
        <translation>Kontakte auch an Wochenenden und Feiertagen planen</translation>
    </message>
    <message>
        <source>Federal &amp;state:</source>
        <translation>&amp;Bundesland:</translation>
    </message>
    <message>
        <source>Its public holidays are marked in the calendar and kept free of touches.</source>
        <translation>Seine Feiertage werden im Kalender markiert und von Kontakten freigehalten.</translation>
    </message>
    <message>
        <source>Forgotten after:</source>
        <translation>Vergessen nach:</translation>
    </message>
    <message>
        <source>A lead nobody touched for this long, with nothing planned, is listed.</source>
        <translation>Ein Lead, den so lange niemand kontaktiert hat und für den nichts geplant ist, wird aufgelistet.</translation>
    </message>
    <message>
        <source>Next try after:</source>
        <translation>Nächster Versuch nach:</translation>
    </message>
    <message>
        <source>A call that did not reach the person is tried again this much later.</source>
        <translation>Wird die Person bei einem Anruf nicht erreicht, wird es so viel später erneut versucht.</translation>
    </message>
    <message>
        <source>Nurturing and calendar (for the whole team)</source>
        <translation>Lead-Pflege und Kalender (für das ganze Team)</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Datenbankdatei</translation>
    </message>
    <message>
        <source>Prospector database (*.sqlite);;All files (*)</source>
        <translation>Prospector-Datenbank (*.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Enter a database file, or a server address such as %1.</source>
        <translation>Geben Sie eine Datenbankdatei oder eine Serveradresse wie %1 ein.</translation>
    </message>
</context>
<context>
    <name>SourceModel</name>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Opportunities</source>
        <translation>Verkaufschancen</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Cost (€)</source>
        <translation>Kosten (€)</translation>
    </message>
    <message>
        <source>per lead</source>
        <translation>je Lead</translation>
    </message>
    <message>
        <source>per opportunity</source>
        <translation>je Verkaufschance</translation>
    </message>
    <message>
        <source>per customer</source>
        <translation>je Kunde</translation>
    </message>
    <message>
        <source>Money spent, nothing yet in return.</source>
        <translation>Geld ausgegeben, noch nichts zurückbekommen.</translation>
    </message>
    <message>
        <source>(no source)</source>
        <translation>(ohne Quelle)</translation>
    </message>
</context>
<context>
    <name>StageColumn</name>
    <message>
        <source>No deals. Drop one here to move it.</source>
        <translation>Keine Verkaufschancen. Ziehen Sie eine hierher, um sie zu verschieben.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln deals</source>
        <translation>
            <numerusform>%Ln Verkaufschance</numerusform>
            <numerusform>%Ln Verkaufschancen</numerusform>
        </translation>
    </message>
    <message>
        <source>weighted %1</source>
        <translation>gewichtet %1</translation>
    </message>
    <message numerus="yes">
        <source>and %Ln more — see the list</source>
        <translation>
            <numerusform>und %Ln weitere — siehe Liste</numerusform>
            <numerusform>und %Ln weitere — siehe Liste</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuggestionModel</name>
    <message>
        <source>Contact</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>Zielperson</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>Passt zu</translation>
    </message>
    <message>
        <source>Certainty</source>
        <translation>Sicherheit</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Import finished</source>
        <translation>Import abgeschlossen</translation>
    </message>
    <message>
        <source>These rows were not imported:</source>
        <translation>Diese Zeilen wurden nicht importiert:</translation>
    </message>
    <message>
        <source>&amp;Save rows not imported…</source>
        <translation>&amp;Nicht importierte Zeilen speichern…</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more rows with errors.</source>
        <translation>
            <numerusform>… und %Ln weitere Zeile mit Fehlern.</numerusform>
            <numerusform>… und %Ln weitere Zeilen mit Fehlern.</numerusform>
        </translation>
    </message>
    <message>
        <source>This is import number %1. If it was not what you wanted, you can undo it with File → Import history…</source>
        <translation>Dies ist Import Nr. %1. Falls das Ergebnis nicht Ihren Erwartungen entspricht, können Sie den Import unter Datei → Import-Verlauf… rückgängig machen.</translation>
    </message>
    <message>
        <source>%1 - not imported.xlsx</source>
        <translation>%1 - nicht importiert.xlsx</translation>
    </message>
    <message>
        <source>Save rows not imported</source>
        <translation>Nicht importierte Zeilen speichern</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-Arbeitsmappe (*.xlsx)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows saved to %1.</source>
        <translation>
            <numerusform>%Ln Zeile in %1 gespeichert.</numerusform>
            <numerusform>%Ln Zeilen in %1 gespeichert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Hours/week</source>
        <translation>Std./Woche</translation>
    </message>
    <message>
        <source>Calls/hour</source>
        <translation>Anrufe/Std.</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Leads/week</source>
        <translation>Leads/Woche</translation>
    </message>
    <message>
        <source>Weeks</source>
        <translation>Wochen</translation>
    </message>
    <message>
        <source>Hours a week for qualifying leads</source>
        <translation>Wochenstunden für die Qualifizierung von Leads</translation>
    </message>
    <message>
        <source>Calls an hour, reached or not</source>
        <translation>Anrufe pro Stunde, ob erreicht oder nicht</translation>
    </message>
    <message>
        <source>Share of calls that reach the person wanted</source>
        <translation>Anteil der Anrufe, die die gewünschte Person erreichen</translation>
    </message>
    <message>
        <source>Own leads + a share of the leads without owner, by capacity</source>
        <translation>Eigene Leads + ein Anteil der Leads ohne Bearbeiter, nach Kapazität</translation>
    </message>
    <message>
        <source>Leads qualified a week</source>
        <translation>Qualifizierte Leads pro Woche</translation>
    </message>
    <message>
        <source>Weeks to work through these leads</source>
        <translation>Wochen, bis diese Leads abgearbeitet sind</translation>
    </message>
    <message>
        <source>Agency (what-if)</source>
        <translation>Agentur (Was-wäre-wenn)</translation>
    </message>
    <message>
        <source>No hours for qualification: enter weekly hours.</source>
        <translation>Keine Stunden für die Qualifizierung: Geben Sie Wochenstunden ein.</translation>
    </message>
    <message>
        <source>No calls per hour: enter how many calls an hour.</source>
        <translation>Keine Anrufe pro Stunde: Geben Sie an, wie viele Anrufe pro Stunde es sind.</translation>
    </message>
    <message>
        <source>Nobody is ever reached: enter a reach rate above 0 %.</source>
        <translation>Niemand wird je erreicht: Geben Sie eine Erreichbarkeit über 0 % ein.</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>The extra agency hours of the what-if, at the assumed agency rates.</source>
        <translation>Die zusätzlichen Agenturstunden der Was-wäre-wenn-Rechnung, mit den angenommenen Werten der Agentur.</translation>
    </message>
    <message>
        <source>%1 own leads and a share of %2 of the leads without owner</source>
        <translation>%1 eigene Leads und anteilig %2 der Leads ohne Bearbeiter</translation>
    </message>
    <message>
        <source>Over capacity: more weeks than you aim for.</source>
        <translation>Über der Kapazität: mehr Wochen als angestrebt.</translation>
    </message>
</context>
<context>
    <name>TeamPage</name>
    <message>
        <source>Deactivate team member</source>
        <translation>Bearbeiter deaktivieren</translation>
    </message>
    <message>
        <source>Take “%1” off the team?</source>
        <translation>„%1“ aus dem Team nehmen?</translation>
    </message>
    <message>
        <source>The member is kept, not deleted, and can be made active again at any time.</source>
        <translation>Der Bearbeiter bleibt erhalten, wird nicht gelöscht und kann jederzeit wieder aktiviert werden.</translation>
    </message>
    <message>
        <source>Until then, the leads they own (%1) count as leads without owner.</source>
        <translation>Bis dahin zählen die Leads dieses Bearbeiters (%1) als Leads ohne Bearbeiter.</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>Who qualifies your leads, and how long the backlog takes them. Leads nobody has the time to call are wasted.</source>
        <translation>Wer Ihre Leads qualifiziert und wie lange das Team für den Rückstau braucht. Leads, die niemand aus Zeitmangel anrufen kann, sind verschenkt.</translation>
    </message>
    <message>
        <source>&amp;New member…</source>
        <translation>&amp;Neuer Bearbeiter…</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>Bearbe&amp;iten…</translation>
    </message>
    <message>
        <source>&amp;Deactivate…</source>
        <translation>Dea&amp;ktivieren…</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Backlog and capacity</source>
        <translation>Rückstau und Kapazität</translation>
    </message>
    <message>
        <source> h</source>
        <translation> Std.</translation>
    </message>
    <message>
        <source>E&amp;xtra agency hours a week:</source>
        <translation>Zusätzliche Agenturstunden pro &amp;Woche:</translation>
    </message>
    <message>
        <source>What if an agency helps</source>
        <translation>Was wäre, wenn eine Agentur hilft</translation>
    </message>
    <message>
        <source> weeks</source>
        <translation> Wochen</translation>
    </message>
    <message>
        <source>Conversations &amp;per lead:</source>
        <translation>&amp;Gespräche je Lead:</translation>
    </message>
    <message>
        <source>Clear the backlog &amp;within:</source>
        <translation>&amp;Rückstau abbauen in:</translation>
    </message>
    <message>
        <source>Calling h&amp;ours in a call day:</source>
        <translation>&amp;Telefonstunden je Anruftag:</translation>
    </message>
    <message>
        <source>Agency &amp;calls per hour:</source>
        <translation>Anr&amp;ufe pro Stunde (Agentur):</translation>
    </message>
    <message>
        <source>Agency &amp;reach rate:</source>
        <translation>&amp;Erreichbarkeit (Agentur):</translation>
    </message>
    <message>
        <source>&amp;Save assumptions</source>
        <translation>Annahmen &amp;speichern</translation>
    </message>
    <message>
        <source>Assumptions</source>
        <translation>Annahmen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln weeks</source>
        <translation>
            <numerusform>%Ln Woche</numerusform>
            <numerusform>%Ln Wochen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 weeks</source>
        <comment>a duration with one decimal</comment>
        <translation>%1 Wochen</translation>
    </message>
    <message>
        <source>Nobody has hours for qualification: enter weekly hours for a team member.</source>
        <translation>Niemand hat Stunden für die Qualifizierung: Geben Sie für einen Bearbeiter Wochenstunden ein.</translation>
    </message>
    <message>
        <source>Nobody with hours makes any calls: enter calls per hour for a team member.</source>
        <translation>Niemand mit Stunden ruft an: Geben Sie für einen Bearbeiter Anrufe pro Stunde ein.</translation>
    </message>
    <message>
        <source>Nobody with hours ever reaches anyone: enter a reach rate above 0 % for a team member.</source>
        <translation>Niemand mit Stunden erreicht je jemanden: Geben Sie für einen Bearbeiter eine Erreichbarkeit über 0 % ein.</translation>
    </message>
    <message numerus="yes">
        <source>The team qualifies about %Ln leads a week.</source>
        <translation>
            <numerusform>Das Team qualifiziert etwa %Ln Lead pro Woche.</numerusform>
            <numerusform>Das Team qualifiziert etwa %Ln Leads pro Woche.</numerusform>
        </translation>
    </message>
    <message>
        <source>The team qualifies about %1 leads a week.</source>
        <translation>Das Team qualifiziert etwa %1 Leads pro Woche.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln leads await qualification</source>
        <translation>
            <numerusform>%Ln Lead wartet auf die Qualifizierung</numerusform>
            <numerusform>%Ln Leads warten auf die Qualifizierung</numerusform>
        </translation>
    </message>
    <message>
        <source>(%1 without owner).</source>
        <translation>(%1 ohne Bearbeiter).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln of them belong to members who are no longer active.</source>
        <translation>
            <numerusform>%Ln davon gehört einem nicht mehr aktiven Bearbeiter.</numerusform>
            <numerusform>%Ln davon gehören nicht mehr aktiven Bearbeitern.</numerusform>
        </translation>
    </message>
    <message>
        <source>No leads await qualification right now.</source>
        <translation>Zurzeit warten keine Leads auf die Qualifizierung.</translation>
    </message>
    <message>
        <source>More than the %1 you aim for: over capacity.</source>
        <translation>Mehr als Ihr Ziel von %1: Das Team ist überlastet.</translation>
    </message>
    <message>
        <source>%1 to clear the backlog.</source>
        <comment>%1 is a duration such as 4.1 weeks</comment>
        <translation>%1, bis der Rückstau abgebaut ist.</translation>
    </message>
    <message>
        <source>Your team&apos;s hours are about %1 call days a week</source>
        <translation>Die Stunden Ihres Teams ergeben etwa %1 Anruftage pro Woche</translation>
    </message>
    <message numerus="yes">
        <source>in %Ln weeks</source>
        <translation>
            <numerusform>in %Ln Woche</numerusform>
            <numerusform>in %Ln Wochen</numerusform>
        </translation>
    </message>
    <message>
        <source>; how many clearing the backlog %1 needs cannot be said while leads have nobody who calls and reaches anyone.</source>
        <translation>; wie viele es braucht, um den Rückstau %1 abzubauen, lässt sich nicht sagen, solange Leads niemanden haben, der anruft und jemanden erreicht.</translation>
    </message>
    <message>
        <source>; clearing the backlog %1 needs %2 call days a week.</source>
        <translation>; um den Rückstau %1 abzubauen, braucht es %2 Anruftage pro Woche.</translation>
    </message>
    <message>
        <source>Enter agency hours to see how much sooner the backlog is cleared.</source>
        <translation>Geben Sie Agenturstunden ein, um zu sehen, wie viel früher der Rückstau abgebaut ist.</translation>
    </message>
    <message numerus="yes">
        <source>With %Ln agency hours a week:</source>
        <translation>
            <numerusform>Mit %Ln Agenturstunde pro Woche:</numerusform>
            <numerusform>Mit %Ln Agenturstunden pro Woche:</numerusform>
        </translation>
    </message>
    <message>
        <source>no leads to clear.</source>
        <translation>keine Leads abzuarbeiten.</translation>
    </message>
    <message>
        <source>still no progress: the assumed agency calls per hour or reach rate is 0.</source>
        <translation>weiterhin kein Fortschritt: Die angenommenen Anrufe pro Stunde oder die Erreichbarkeit der Agentur stehen auf 0.</translation>
    </message>
    <message>
        <source>%1; without them the backlog is never cleared.</source>
        <translation>%1; ohne sie wird der Rückstau nie abgebaut.</translation>
    </message>
    <message>
        <source>%1 instead of %2.</source>
        <translation>%1 statt %2.</translation>
    </message>
    <message numerus="yes">
        <source>within %Ln weeks</source>
        <translation>
            <numerusform>innerhalb von %Ln Woche</numerusform>
            <numerusform>innerhalb von %Ln Wochen</numerusform>
        </translation>
    </message>
    <message>
        <source>An agency cannot help at the assumed rates: enter its calls per hour and reach rate under Assumptions.</source>
        <translation>Mit den angenommenen Werten kann eine Agentur nicht helfen: Geben Sie unter „Annahmen“ ihre Anrufe pro Stunde und ihre Erreichbarkeit ein.</translation>
    </message>
    <message>
        <source>The team clears the backlog %1 without an agency.</source>
        <translation>Das Team baut den Rückstau %1 ohne Agentur ab.</translation>
    </message>
    <message numerus="yes">
        <source>To clear it %1 you need about %Ln agency hours a week.</source>
        <translation>
            <numerusform>Um ihn %1 abzubauen, brauchen Sie etwa %Ln Agenturstunde pro Woche.</numerusform>
            <numerusform>Um ihn %1 abzubauen, brauchen Sie etwa %Ln Agenturstunden pro Woche.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ac&amp;tivate again</source>
        <translation>Wieder akti&amp;vieren</translation>
    </message>
    <message>
        <source>Between 1 and 20 conversations.</source>
        <translation>Zwischen 1 und 20 Gesprächen.</translation>
    </message>
    <message>
        <source>Between 1 and 52 weeks.</source>
        <translation>Zwischen 1 und 52 Wochen.</translation>
    </message>
    <message>
        <source>Between 1 and 12 hours.</source>
        <translation>Zwischen 1 und 12 Stunden.</translation>
    </message>
</context>
<context>
    <name>TrashPage</name>
    <message>
        <source>Deleted companies stay here for 30 days; then they are removed for good.</source>
        <translation>Gelöschte Unternehmen bleiben 30 Tage hier; danach werden sie endgültig entfernt.</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>Der Papierkorb ist leer.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Delete for good…</source>
        <translation>Endgültig löschen…</translation>
    </message>
    <message>
        <source>Bring the selected companies back (Ctrl+R)</source>
        <translation>Die ausgewählten Unternehmen wiederherstellen (Strg+R)</translation>
    </message>
    <message>
        <source>Delete the selected companies for good (Del)</source>
        <translation>Die ausgewählten Unternehmen endgültig löschen (Entf)</translation>
    </message>
    <message>
        <source>Empty trash…</source>
        <translation>Papierkorb leeren…</translation>
    </message>
    <message>
        <source>Delete every company in the trash for good</source>
        <translation>Alle Unternehmen im Papierkorb endgültig löschen</translation>
    </message>
    <message>
        <source>Delete “{name}” for good? Its contacts and history are deleted with it. This cannot be undone.</source>
        <translation>„{name}“ endgültig löschen? Seine Ansprechpartner und sein Verlauf werden mitgelöscht. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln companies for good? Their contacts and history are deleted with them. This cannot be undone.</source>
        <translation>
            <numerusform>%Ln Unternehmen endgültig löschen? Seine Ansprechpartner und sein Verlauf werden mitgelöscht. Das lässt sich nicht rückgängig machen.</numerusform>
            <numerusform>%Ln Unternehmen endgültig löschen? Ihre Ansprechpartner und ihr Verlauf werden mitgelöscht. Das lässt sich nicht rückgängig machen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete for good</source>
        <translation>Endgültig löschen</translation>
    </message>
    <message numerus="yes">
        <source>Empty the trash? %Ln companies are deleted for good, with their contacts and history. This cannot be undone.</source>
        <translation>
            <numerusform>Papierkorb leeren? %Ln Unternehmen wird mit seinen Ansprechpartnern und seinem Verlauf endgültig gelöscht. Das lässt sich nicht rückgängig machen.</numerusform>
            <numerusform>Papierkorb leeren? %Ln Unternehmen werden mit ihren Ansprechpartnern und ihrem Verlauf endgültig gelöscht. Das lässt sich nicht rückgängig machen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Empty trash</source>
        <translation>Papierkorb leeren</translation>
    </message>
</context>
<context>
    <name>TrashTableModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>Deleted on</source>
        <translation>Gelöscht am</translation>
    </message>
    <message>
        <source>Removed for good on</source>
        <translation>Endgültig entfernt am</translation>
    </message>
</context>
<context>
    <name>UndoHistory</name>
    <message>
        <source>changes to “%1”</source>
        <translation>Änderungen an „%1“</translation>
    </message>
    <message numerus="yes">
        <source>no owner for %Ln persons</source>
        <translation>
            <numerusform>kein Bearbeiter für %Ln Person</numerusform>
            <numerusform>kein Bearbeiter für %Ln Personen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>owner “%1” for %Ln persons</source>
        <translation>
            <numerusform>Bearbeiter „%1“ für %Ln Person</numerusform>
            <numerusform>Bearbeiter „%1“ für %Ln Personen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>no owner for %Ln companies</source>
        <translation>
            <numerusform>kein Bearbeiter für %Ln Unternehmen</numerusform>
            <numerusform>kein Bearbeiter für %Ln Unternehmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>owner “%1” for %Ln companies</source>
        <translation>
            <numerusform>Bearbeiter „%1“ für %Ln Unternehmen</numerusform>
            <numerusform>Bearbeiter „%1“ für %Ln Unternehmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>stage “%1” for %Ln companies</source>
        <translation>
            <numerusform>Phase „%1“ für %Ln Unternehmen</numerusform>
            <numerusform>Phase „%1“ für %Ln Unternehmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>tag “%1” on %Ln companies</source>
        <translation>
            <numerusform>Tag „%1“ an %Ln Unternehmen</numerusform>
            <numerusform>Tag „%1“ an %Ln Unternehmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>tag “%1” removed from %Ln companies</source>
        <translation>
            <numerusform>Tag „%1“ von %Ln Unternehmen entfernt</numerusform>
            <numerusform>Tag „%1“ von %Ln Unternehmen entfernt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>objection for the contacts of %Ln companies</source>
        <translation>
            <numerusform>Werbewiderspruch für die Ansprechpartner von %Ln Unternehmen</numerusform>
            <numerusform>Werbewiderspruch für die Ansprechpartner von %Ln Unternehmen</numerusform>
        </translation>
    </message>
    <message>
        <source>merge of “%1”</source>
        <translation>Zusammenführung von „%1“</translation>
    </message>
    <message numerus="yes">
        <source>import of “%1” (%Ln companies)</source>
        <translation>
            <numerusform>Import von „%1“ (%Ln Unternehmen)</numerusform>
            <numerusform>Import von „%1“ (%Ln Unternehmen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln companies moved to the trash</source>
        <translation>
            <numerusform>%Ln Unternehmen in den Papierkorb verschoben</numerusform>
            <numerusform>%Ln Unternehmen in den Papierkorb verschoben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln companies restored from the trash</source>
        <translation>
            <numerusform>%Ln Unternehmen aus dem Papierkorb geholt</numerusform>
            <numerusform>%Ln Unternehmen aus dem Papierkorb geholt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Prospector</source>
        <translation>Willkommen bei Prospector</translation>
    </message>
    <message>
        <source>Prospector helps you find the companies that fit your ideal customer, the people in them who can decide, and the right time to call.</source>
        <translation>Prospector hilft Ihnen, die Unternehmen zu finden, die zu Ihrem idealen Kunden passen, die Menschen darin, die entscheiden können, und den richtigen Zeitpunkt für den Anruf.</translation>
    </message>
    <message>
        <source>Import a spreadsheet</source>
        <translation>Eine Tabelle importieren</translation>
    </message>
    <message>
        <source>Bring in your companies and contacts from Excel or CSV.</source>
        <translation>Übernehmen Sie Ihre Unternehmen und Ansprechpartner aus Excel oder CSV.</translation>
    </message>
    <message>
        <source>Load the sample data</source>
        <translation>Beispieldaten laden</translation>
    </message>
    <message>
        <source>Explore Prospector with 320 fictitious German companies and their contacts.</source>
        <translation>Lernen Sie Prospector mit 320 erfundenen deutschen Unternehmen und ihren Ansprechpartnern kennen.</translation>
    </message>
    <message>
        <source>Add a company</source>
        <translation>Ein Unternehmen anlegen</translation>
    </message>
    <message>
        <source>Start with your first target company and enter it by hand.</source>
        <translation>Beginnen Sie mit Ihrem ersten Zielunternehmen und erfassen Sie es von Hand.</translation>
    </message>
    <message>
        <source>Go to the companies</source>
        <translation>Zu den Unternehmen</translation>
    </message>
    <message>
        <source>Search, filter and work through your list (Ctrl+2).</source>
        <translation>Suchen, filtern und Ihre Liste abarbeiten (Strg+2).</translation>
    </message>
    <message>
        <source>New here? The user guide explains the first steps (F1).</source>
        <translation>Neu hier? Das Benutzerhandbuch erklärt die ersten Schritte (F1).</translation>
    </message>
    <message numerus="yes">
        <source>Your database holds %Ln companies. What would you like to do?</source>
        <translation>
            <numerusform>Ihre Datenbank enthält %Ln Unternehmen. Was möchten Sie tun?</numerusform>
            <numerusform>Ihre Datenbank enthält %Ln Unternehmen. Was möchten Sie tun?</numerusform>
        </translation>
    </message>
    <message>
        <source>Import another spreadsheet</source>
        <translation>Eine weitere Tabelle importieren</translation>
    </message>
    <message>
        <source>Your database is still empty. How would you like to start?</source>
        <translation>Ihre Datenbank ist noch leer. Wie möchten Sie beginnen?</translation>
    </message>
</context>
<context>
    <name>_Counts</name>
    <message numerus="yes">
        <source>%Ln rows imported</source>
        <translation>
            <numerusform>%Ln Zeile importiert</numerusform>
            <numerusform>%Ln Zeilen importiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln of them with notes)</source>
        <translation>
            <numerusform>(davon %Ln mit Hinweisen)</numerusform>
            <numerusform>(davon %Ln mit Hinweisen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refused</source>
        <translation>
            <numerusform>%Ln abgelehnt</numerusform>
            <numerusform>%Ln abgelehnt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new companies</source>
        <translation>
            <numerusform>%Ln neues Unternehmen</numerusform>
            <numerusform>%Ln neue Unternehmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln updates</source>
        <translation>
            <numerusform>%Ln geändertes Unternehmen</numerusform>
            <numerusform>%Ln geänderte Unternehmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new contacts</source>
        <translation>
            <numerusform>%Ln neuer Ansprechpartner</numerusform>
            <numerusform>%Ln neue Ansprechpartner</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln contacts updated</source>
        <translation>
            <numerusform>%Ln Ansprechpartner aktualisiert</numerusform>
            <numerusform>%Ln Ansprechpartner aktualisiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped as duplicates</source>
        <translation>
            <numerusform>%Ln als Dublette übersprungen</numerusform>
            <numerusform>%Ln als Dubletten übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>_When</name>
    <message>
        <source>All day</source>
        <translation>Ganztägig</translation>
    </message>
</context>
</TS>
