/** "Frågor och svar": the help texts (shipped, or the municipality's own from config) and `app.help`. */
export * from './config';
export * from './help-markdown';
export * from './help-loader';
export * from './help-service';
