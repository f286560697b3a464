import { ChangeDetectionStrategy, Component, computed, inject, OnInit, viewChild } from '@angular/core';
import { WorkspaceService } from '../core/workspace.service';
import { LimitNoteComponent } from '../notifications/limit-note.component';
import { BannerComponent } from '../shared/banner.component';
import { CopyButtonComponent } from '../shared/copy-button.component';
import { DialogComponent } from '../shared/dialog.component';
import { ApiKeyFormComponent } from './api-key-form.component';
import { ApiKeyListComponent } from './api-key-list.component';
import { ApiKeysStore } from './api-keys.store';

@Component({
  selector: 'so-api-keys',
  imports: [
    BannerComponent,
    CopyButtonComponent,
    DialogComponent,
    ApiKeyFormComponent,
    ApiKeyListComponent,
    LimitNoteComponent,
  ],
  providers: [ApiKeysStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>API keys</h1>
    <p class="muted">
      Keys call the REST API (<a href="/api/docs" target="_blank" rel="noopener">documentation</a>) as this workspace
      with <code>Authorization: Bearer &lt;key&gt;</code>. A key never has more permissions than its creator.
    </p>
    <so-limit-note key="api.requests" />
    <so-banner [message]="store.error()" />
    @if (canWrite()) {
      <so-api-key-form (created)="dialog().open()" />
    }
    <so-api-key-list [canRevoke]="canWrite()" />

    <so-dialog heading="Your new API key" (closed)="store.dismissSecret()">
      <p>Copy it now: this is the only time it is shown. Store it like a password.</p>
      <div class="secret">
        <code data-testid="api-key-secret">{{ store.revealed()?.key }}</code>
        <so-copy-button [text]="store.revealed()?.key ?? ''" />
      </div>
      <div class="actions"><button type="button" class="primary" (click)="dialog().close()">Done</button></div>
    </so-dialog>
  `,
})
export class ApiKeysPage implements OnInit {
  private readonly workspaces = inject(WorkspaceService);
  readonly store = inject(ApiKeysStore);
  readonly canWrite = computed(() => this.workspaces.can('api-keys:write'));
  readonly dialog = viewChild.required(DialogComponent);

  ngOnInit(): Promise<void> {
    return this.store.load();
  }
}
