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
        <name>App</name>
        <message>
            <source>Prospector</source>
            <translation>Prospector</translation>
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
            <source>e.g. 0351 123456</source>
            <translation>z. B. 0351 123456</translation>
        </message>
        <message>
            <source>e.g. www.example.de</source>
            <translation>z. B. www.beispiel.de</translation>
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
            <source>&amp;Industry</source>
            <translation>&amp;Branche</translation>
        </message>
        <message>
            <source>WZ code</source>
            <translation>WZ-Code</translation>
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
            <source>N&amp;otes</source>
            <translation>N&amp;otizen</translation>
        </message>
        <message>
            <source>Discard the changes you made to this company?</source>
            <translation>Die Änderungen an diesem Unternehmen verwerfen?</translation>
        </message>
    </context>
    <context>
        <name>CompanyTableModel</name>
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
            <source>Phone</source>
            <translation>Telefon</translation>
        </message>
        <message>
            <source>Website</source>
            <translation>Website</translation>
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
            <source>The database in use</source>
            <translation>Die verwendete Datenbank</translation>
        </message>
        <message>
            <source>&amp;New company…</source>
            <translation>&amp;Neues Unternehmen…</translation>
        </message>
        <message>
            <source>&amp;Import spreadsheet…</source>
            <translation>Tabelle &amp;importieren…</translation>
        </message>
        <message>
            <source>Load &amp;sample data</source>
            <translation>&amp;Beispieldaten laden</translation>
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
            <source>&amp;About Prospector</source>
            <translation>Ü&amp;ber Prospector</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Datei</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Ansicht</translation>
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
            <source>Loading cancelled; nothing was changed.</source>
            <translation>Laden abgebrochen; es wurde nichts geändert.</translation>
        </message>
        <message>
            <source>Loaded %1 companies and %2 contacts.</source>
            <translation>%1 Unternehmen und %2 Ansprechpartner geladen.</translation>
        </message>
        <message numerus="yes">
            <source>%n companies</source>
            <translation>
                <numerusform>%n Unternehmen</numerusform>
                <numerusform>%n Unternehmen</numerusform>
            </translation>
        </message>
        <message>
            <source>Settings saved. They take effect at the next start.</source>
            <translation>Einstellungen gespeichert. Sie gelten ab dem nächsten Start.</translation>
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
            <source>The database server at {location} cannot be reached: {reason}</source>
            <translation>Der Datenbankserver {location} ist nicht erreichbar: {reason}</translation>
        </message>
        <message>
            <source>The database {location} cannot be used: {reason}</source>
            <translation>Die Datenbank {location} kann nicht verwendet werden: {reason}</translation>
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
            <source>“{value}” is not a German postcode: five digits, e.g. 01069.</source>
            <translation>„{value}“ ist keine deutsche Postleitzahl: fünf Ziffern, z. B. 01069.</translation>
        </message>
        <message>
            <source>A two-letter country code such as DE.</source>
            <translation>Ein Ländercode aus zwei Buchstaben, z. B. DE.</translation>
        </message>
        <message>
            <source>Must not be negative.</source>
            <translation>Darf nicht negativ sein.</translation>
        </message>
        <message>
            <source>Not a number, e.g. 2.500.000.</source>
            <translation>Keine Zahl, z. B. 2.500.000.</translation>
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
        <name>Operations</name>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Please wait</source>
            <translation>Bitte warten</translation>
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
            <source>&amp;Language</source>
            <translation>&amp;Sprache</translation>
        </message>
        <message>
            <source>Changes take effect when Prospector is started again.</source>
            <translation>Änderungen gelten ab dem nächsten Start von Prospector.</translation>
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
        <name>WelcomePage</name>
        <message>
            <source>Welcome to Prospector</source>
            <translation>Willkommen bei Prospector</translation>
        </message>
        <message>
            <source>Prospector helps you find the companies that fit your ideal customer, the people in them who can decide, and the right time to call. Your database is still empty. How would you like to start?</source>
            <translation>Prospector hilft Ihnen, die Unternehmen zu finden, die zu Ihrem idealen Kunden passen, die Menschen darin, die entscheiden können, und den richtigen Zeitpunkt für den Anruf. Ihre Datenbank ist noch leer. Wie möchten Sie beginnen?</translation>
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
            <source>Spreadsheet import is not available yet.</source>
            <translation>Der Tabellenimport ist noch nicht verfügbar.</translation>
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
    </context>
</TS>
