<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>About Prospector</source>
            <translation>About Prospector</translation>
        </message>
        <message>
            <source>Plan your B2B prospecting: target companies, the ideal customer, people who can decide, qualified leads and the next call.</source>
            <translation>Plan your B2B prospecting: target companies, the ideal customer, people who can decide, qualified leads and the next call.</translation>
        </message>
        <message>
            <source>Database</source>
            <translation>Database</translation>
        </message>
        <message>
            <source>Log file</source>
            <translation>Log file</translation>
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
            <translation>Choose another database…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Quit</translation>
        </message>
        <message>
            <source>Database file</source>
            <translation>Database file</translation>
        </message>
        <message>
            <source>Prospector database (*.sqlite);;All files (*)</source>
            <translation>Prospector database (*.sqlite);;All files (*)</translation>
        </message>
        <message>
            <source>The database was updated; a backup is at %1</source>
            <translation>The database was updated; a backup is at %1</translation>
        </message>
    </context>
    <context>
        <name>CompanyDialog</name>
        <message>
            <source>New company</source>
            <translation>New company</translation>
        </message>
        <message>
            <source>Company</source>
            <translation>Company</translation>
        </message>
        <message>
            <source>in euros, e.g. 2.500.000</source>
            <translation>in euros, e.g. 2.500.000</translation>
        </message>
        <message>
            <source>e.g. 0351 123456</source>
            <translation>e.g. 0351 123456</translation>
        </message>
        <message>
            <source>e.g. www.example.de</source>
            <translation>e.g. www.example.de</translation>
        </message>
        <message>
            <source>&amp;Name *</source>
            <translation>&amp;Name *</translation>
        </message>
        <message>
            <source>&amp;Legal form</source>
            <translation>&amp;Legal form</translation>
        </message>
        <message>
            <source>&amp;Industry</source>
            <translation>&amp;Industry</translation>
        </message>
        <message>
            <source>WZ code</source>
            <translation>WZ code</translation>
        </message>
        <message>
            <source>&amp;Employees</source>
            <translation>&amp;Employees</translation>
        </message>
        <message>
            <source>&amp;Turnover (EUR)</source>
            <translation>&amp;Turnover (EUR)</translation>
        </message>
        <message>
            <source>&amp;Street</source>
            <translation>&amp;Street</translation>
        </message>
        <message>
            <source>&amp;Postcode</source>
            <translation>&amp;Postcode</translation>
        </message>
        <message>
            <source>&amp;City</source>
            <translation>&amp;City</translation>
        </message>
        <message>
            <source>S&amp;tate</source>
            <translation>S&amp;tate</translation>
        </message>
        <message>
            <source>Country</source>
            <translation>Country</translation>
        </message>
        <message>
            <source>P&amp;hone</source>
            <translation>P&amp;hone</translation>
        </message>
        <message>
            <source>&amp;Website</source>
            <translation>&amp;Website</translation>
        </message>
        <message>
            <source>E-&amp;mail</source>
            <translation>E-&amp;mail</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Source</translation>
        </message>
        <message>
            <source>N&amp;otes</source>
            <translation>N&amp;otes</translation>
        </message>
        <message>
            <source>Discard the changes you made to this company?</source>
            <translation>Discard the changes you made to this company?</translation>
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
            <translation>Postcode</translation>
        </message>
        <message>
            <source>City</source>
            <translation>City</translation>
        </message>
        <message>
            <source>State</source>
            <translation>State</translation>
        </message>
        <message>
            <source>Industry</source>
            <translation>Industry</translation>
        </message>
        <message>
            <source>Employees</source>
            <translation>Employees</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Phone</translation>
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
            <translation>Companies</translation>
        </message>
        <message>
            <source>The database in use</source>
            <translation>The database in use</translation>
        </message>
        <message>
            <source>&amp;New company…</source>
            <translation>&amp;New company…</translation>
        </message>
        <message>
            <source>&amp;Import spreadsheet…</source>
            <translation>&amp;Import spreadsheet…</translation>
        </message>
        <message>
            <source>Load &amp;sample data</source>
            <translation>Load &amp;sample data</translation>
        </message>
        <message>
            <source>&amp;Settings…</source>
            <translation>&amp;Settings…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quit</translation>
        </message>
        <message>
            <source>&amp;Start</source>
            <translation>&amp;Start</translation>
        </message>
        <message>
            <source>&amp;Companies</source>
            <translation>&amp;Companies</translation>
        </message>
        <message>
            <source>&amp;About Prospector</source>
            <translation>&amp;About Prospector</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>Company saved.</source>
            <translation>Company saved.</translation>
        </message>
        <message>
            <source>Load sample data</source>
            <translation>Load sample data</translation>
        </message>
        <message>
            <source>The sample data is already loaded. Load it a second time?</source>
            <translation>The sample data is already loaded. Load it a second time?</translation>
        </message>
        <message>
            <source>Loading the sample data…</source>
            <translation>Loading the sample data…</translation>
        </message>
        <message>
            <source>Loading cancelled; nothing was changed.</source>
            <translation>Loading cancelled; nothing was changed.</translation>
        </message>
        <message>
            <source>Loaded %1 companies and %2 contacts.</source>
            <translation>Loaded %1 companies and %2 contacts.</translation>
        </message>
        <message numerus="yes">
            <source>%n companies</source>
            <translation>
                <numerusform>%n company</numerusform>
                <numerusform>%n companies</numerusform>
            </translation>
        </message>
        <message>
            <source>Settings saved. They take effect at the next start.</source>
            <translation>Settings saved. They take effect at the next start.</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <source>company</source>
            <translation>company</translation>
        </message>
        <message>
            <source>contact</source>
            <translation>contact</translation>
        </message>
        <message>
            <source>{location} is not a Prospector database. Choose another file or a new one.</source>
            <translation>{location} is not a Prospector database. Choose another file or a new one.</translation>
        </message>
        <message>
            <source>{location} is a database of another program, not of Prospector. Choose another file or a new one.</source>
            <translation>{location} is a database of another program, not of Prospector. Choose another file or a new one.</translation>
        </message>
        <message>
            <source>{location} was written by a newer version of Prospector (schema {revision}). Install the newer version to open it.</source>
            <translation>{location} was written by a newer version of Prospector (schema {revision}). Install the newer version to open it.</translation>
        </message>
        <message>
            <source>{location} is read-only. Make the file and its folder writable, or choose another database.</source>
            <translation>{location} is read-only. Make the file and its folder writable, or choose another database.</translation>
        </message>
        <message>
            <source>{location} is locked by another program. Close the other program and try again.</source>
            <translation>{location} is locked by another program. Close the other program and try again.</translation>
        </message>
        <message>
            <source>The database server at {location} cannot be reached: {reason}</source>
            <translation>The database server at {location} cannot be reached: {reason}</translation>
        </message>
        <message>
            <source>The database {location} cannot be used: {reason}</source>
            <translation>The database {location} cannot be used: {reason}</translation>
        </message>
        <message>
            <source>The {entity} with number {id} no longer exists; it may have been deleted.</source>
            <translation>The {entity} with number {id} no longer exists; it may have been deleted.</translation>
        </message>
        <message>
            <source>The {entity} “{name}” was changed by someone else since you opened it. Reload it to see the changes.</source>
            <translation>The {entity} “{name}” was changed by someone else since you opened it. Reload it to see the changes.</translation>
        </message>
        <message>
            <source>Required.</source>
            <translation>Required.</translation>
        </message>
        <message>
            <source>At most {limit} characters.</source>
            <translation>At most {limit} characters.</translation>
        </message>
        <message>
            <source>“{value}” is not a valid phone number. Enter it with area code, e.g. 0351 123456 or +49 351 123456.</source>
            <translation>“{value}” is not a valid phone number. Enter it with area code, e.g. 0351 123456 or +49 351 123456.</translation>
        </message>
        <message>
            <source>“{value}” is not an e-mail address.</source>
            <translation>“{value}” is not an e-mail address.</translation>
        </message>
        <message>
            <source>Not a web address such as www.example.de.</source>
            <translation>Not a web address such as www.example.de.</translation>
        </message>
        <message>
            <source>“{value}” is not a German postcode: five digits, e.g. 01069.</source>
            <translation>“{value}” is not a German postcode: five digits, e.g. 01069.</translation>
        </message>
        <message>
            <source>A two-letter country code such as DE.</source>
            <translation>A two-letter country code such as DE.</translation>
        </message>
        <message>
            <source>Must not be negative.</source>
            <translation>Must not be negative.</translation>
        </message>
        <message>
            <source>Not a number, e.g. 2.500.000.</source>
            <translation>Not a number, e.g. 2.500.000.</translation>
        </message>
        <message>
            <source>An unexpected error occurred: {reason}. The details are in the log file.</source>
            <translation>An unexpected error occurred: {reason}. The details are in the log file.</translation>
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
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Please wait</source>
            <translation>Please wait</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Settings</source>
            <translation>Settings</translation>
        </message>
        <message>
            <source>&amp;Default file on this computer</source>
            <translation>&amp;Default file on this computer</translation>
        </message>
        <message>
            <source>Another &amp;file</source>
            <translation>Another &amp;file</translation>
        </message>
        <message>
            <source>Shared &amp;PostgreSQL server</source>
            <translation>Shared &amp;PostgreSQL server</translation>
        </message>
        <message>
            <source>&amp;Browse…</source>
            <translation>&amp;Browse…</translation>
        </message>
        <message>
            <source>Database</source>
            <translation>Database</translation>
        </message>
        <message>
            <source>As the system</source>
            <translation>As the system</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Language</translation>
        </message>
        <message>
            <source>Changes take effect when Prospector is started again.</source>
            <translation>Changes take effect when Prospector is started again.</translation>
        </message>
        <message>
            <source>Database file</source>
            <translation>Database file</translation>
        </message>
        <message>
            <source>Prospector database (*.sqlite);;All files (*)</source>
            <translation>Prospector database (*.sqlite);;All files (*)</translation>
        </message>
        <message>
            <source>Enter a database file, or a server address such as %1.</source>
            <translation>Enter a database file, or a server address such as %1.</translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <source>Welcome to Prospector</source>
            <translation>Welcome to Prospector</translation>
        </message>
        <message>
            <source>Prospector helps you find the companies that fit your ideal customer, the people in them who can decide, and the right time to call. Your database is still empty. How would you like to start?</source>
            <translation>Prospector helps you find the companies that fit your ideal customer, the people in them who can decide, and the right time to call. Your database is still empty. How would you like to start?</translation>
        </message>
        <message>
            <source>Import a spreadsheet</source>
            <translation>Import a spreadsheet</translation>
        </message>
        <message>
            <source>Bring in your companies and contacts from Excel or CSV.</source>
            <translation>Bring in your companies and contacts from Excel or CSV.</translation>
        </message>
        <message>
            <source>Spreadsheet import is not available yet.</source>
            <translation>Spreadsheet import is not available yet.</translation>
        </message>
        <message>
            <source>Load the sample data</source>
            <translation>Load the sample data</translation>
        </message>
        <message>
            <source>Explore Prospector with 320 fictitious German companies and their contacts.</source>
            <translation>Explore Prospector with 320 fictitious German companies and their contacts.</translation>
        </message>
        <message>
            <source>Add a company</source>
            <translation>Add a company</translation>
        </message>
        <message>
            <source>Start with your first target company and enter it by hand.</source>
            <translation>Start with your first target company and enter it by hand.</translation>
        </message>
    </context>
</TS>
