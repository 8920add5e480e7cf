import {
  Roles as R,
  type DatasetDetailDto,
  type DatasetDto,
  type DatasetVersionDto,
  type DeleteDatasetResponse,
  type Paged,
  type UploadResultDto,
} from '@dqw/shared-types';
import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AnyRole, Roles } from '../../core/auth/access.decorators';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { ForbiddenError } from '../../core/http/domain-errors';
import { ErrorBodyDto } from '../../core/http/error-body.dto';
import { PageQueryDto } from '../../core/http/page-query.dto';
import { createValidationPipe } from '../../core/http/validation';
import { AuditService } from '../audit/audit.service';
import { DatasetAccess } from './dataset-access.service';
import { DatasetFiles } from './dataset-files';
import { toProfileDto } from './dataset.mapper';
import { DatasetsService } from './datasets.service';
import {
  ColumnOverrideDto,
  CreateTableDatasetDto,
  DatasetListQueryDto,
  SampleQueryDto,
  UpdateDatasetDto,
} from './dto/dataset-requests.dto';
import {
  DatasetDetailResponse,
  DatasetPage,
  DeleteDatasetResult,
  ProfileResponse,
  SampleResponse,
  UploadResultResponse,
  VersionPage,
} from './dto/dataset-responses.dto';
import { NotReadyError } from './errors';
import { ProfilingService } from './profiling/profiling.service';
import { UploadsService } from './uploads/uploads.service';

const MULTIPART_SCHEMA = {
  type: 'object',
  required: ['file', 'name'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'The CSV file' },
    name: { type: 'string', description: 'Unique dataset name' },
    description: { type: 'string', description: 'Description' },
    sensitive: { type: 'boolean', description: 'Store the file encrypted' },
    nullMarkers: { type: 'string', description: 'JSON array or comma-separated list of null markers' },
    keyColumns: { type: 'string', description: 'JSON array or comma-separated list of key columns' },
    delimiter: { type: 'string', description: 'Override the sniffed delimiter (\\t for tab)' },
    quote: { type: 'string', description: 'Override the sniffed quote' },
    escape: { type: 'string', description: 'Override the sniffed escape' },
    header: { type: 'boolean', description: 'Override header detection' },
    encoding: {
      type: 'string',
      enum: ['utf-8', 'utf-16le', 'utf-16be', 'latin-1'],
      description: 'Declare the encoding',
    },
  },
};

const isMultipart = (req: Request) => /^multipart\//i.test(req.headers['content-type'] ?? '');

/** Closes the connection after an upload error: the rest of a refused body is not worth reading. */
async function uploading<T>(res: Response, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!res.headersSent) res.setHeader('Connection', 'close');
    throw e;
  }
}

@ApiTags('datasets')
@ApiExtraModels(CreateTableDatasetDto, ColumnOverrideDto)
@Controller('datasets')
export class DatasetsController {
  constructor(
    private readonly datasets: DatasetsService,
    private readonly uploads: UploadsService,
    private readonly access: DatasetAccess,
    private readonly files: DatasetFiles,
    private readonly profiling: ProfilingService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'List datasets (search with q; each with its latest quality score)' })
  @ApiOkResponse({ type: DatasetPage })
  list(@Query() q: DatasetListQueryDto): Promise<Paged<DatasetDto>> {
    return this.datasets.list(q);
  }

  @Post()
  @Roles(R.DataEngineer)
  @ApiOperation({
    summary: 'Create a dataset: upload a CSV (multipart) or register a database table (JSON)',
    description:
      'Multipart: the file streams to storage (hashed, encrypted when sensitive), its encoding and CSV dialect are ' +
      'sniffed (shown in version.format; override with the fields), every row is read; malformed rows are listed ' +
      'with their lines in a 400. JSON {name, connectionId, table}: the columns come from introspection.',
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    schema: { oneOf: [MULTIPART_SCHEMA, { $ref: getSchemaPath(CreateTableDatasetDto) }] },
    description: 'A multipart upload or a table registration',
  })
  @ApiCreatedResponse({
    type: UploadResultResponse,
    description: 'Upload: the dataset and version 1. Table: the dataset (DatasetDetail).',
  })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description: 'Empty, binary or malformed file; wrong encoding; unknown table',
  })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The name is taken' })
  @ApiPayloadTooLargeResponse({ type: ErrorBodyDto, description: 'Larger than UPLOAD_MAX_BYTES' })
  async create(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
  ): Promise<UploadResultDto | DatasetDetailDto> {
    if (isMultipart(req)) return uploading(res, () => this.uploads.createFromUpload(req, p.userId));
    const dto = (await createValidationPipe().transform(body ?? {}, {
      type: 'body',
      metatype: CreateTableDatasetDto,
    })) as CreateTableDatasetDto;
    return this.datasets.registerTable(dto, p.userId);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'One dataset with its current version, overrides and settings' })
  @ApiOkResponse({ type: DatasetDetailResponse })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such dataset' })
  detail(@Param('id', ParseUUIDPipe) id: string): Promise<DatasetDetailDto> {
    return this.datasets.detail(id);
  }

  @Patch(':id')
  @Roles(R.DataEngineer)
  @ApiOperation({
    summary: 'Change name, description, column types/formats, null markers, key columns, CSV options',
  })
  @ApiOkResponse({ type: DatasetDetailResponse })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description: 'Unknown column, bad type or format, unreadable with the new options',
  })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such dataset' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The new name is taken' })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateDatasetDto): Promise<DatasetDetailDto> {
    return this.datasets.update(id, dto);
  }

  @Delete(':id')
  @Roles(R.DataEngineer)
  @ApiOperation({ summary: 'Delete a dataset with its versions, files, profiles and recommendations' })
  @ApiOkResponse({ type: DeleteDatasetResult })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such dataset' })
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<DeleteDatasetResponse> {
    await this.datasets.remove(id);
    return { id, deleted: true };
  }

  @Get(':id/versions')
  @AnyRole()
  @ApiOperation({ summary: 'Versions of a dataset, newest first, with drift and sniffed format' })
  @ApiOkResponse({ type: VersionPage })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such dataset' })
  versions(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: PageQueryDto,
  ): Promise<Paged<DatasetVersionDto>> {
    return this.datasets.listVersions(id, q.page, q.pageSize);
  }

  @Post(':id/versions')
  @Roles(R.DataEngineer)
  @ApiOperation({
    summary:
      'Upload a new version (multipart, CSV datasets) or take a new snapshot (table datasets, no body)',
    description:
      'Identical bytes are not stored twice: the answer is 200 with created=false and the existing version.',
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiCreatedResponse({
    type: UploadResultResponse,
    description: 'New version (tables: the new snapshot version)',
  })
  @ApiOkResponse({
    type: UploadResultResponse,
    description: 'Identical to an existing version; nothing stored',
  })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'Bad file (see POST /datasets)' })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such dataset' })
  @ApiPayloadTooLargeResponse({ type: ErrorBodyDto, description: 'Larger than UPLOAD_MAX_BYTES' })
  async addVersion(
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() p: Principal,
  ): Promise<UploadResultDto | DatasetVersionDto> {
    const dataset = await uploading(res, () => this.datasets.get(id));
    if (dataset.sourceType === 'table') {
      if (isMultipart(req)) {
        res.setHeader('Connection', 'close');
        throw new ForbiddenError('A table dataset has no files: send no body to take a new snapshot');
      }
      return this.datasets.snapshotTable(dataset, p.userId);
    }
    const result = await uploading(res, () => this.uploads.addVersion(dataset, req, p.userId));
    if (!result.created) res.status(200);
    return result;
  }

  @Get(':id/versions/:v/download')
  @Roles(R.DataEngineer)
  @ApiOperation({
    summary: 'Download a version as uploaded (decrypted on the fly); audited',
    description: 'v is the version number or id',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such dataset or version, or a table dataset' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The stored file failed its integrity check' })
  async download(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('v') v: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const dataset = await this.datasets.get(id);
    const version = await this.datasets.versionByNumber(dataset, v);
    const { stream, fileName } = await this.files.openForDownload(version);
    await this.audit.record({
      action: 'dataset.version.download',
      entityType: 'dataset',
      entityId: id,
      summary: `Downloaded version ${version.number} of ${dataset.name}${version.encrypted ? ' (decrypted)' : ''}`,
      changes: { versionId: version.id, sha256: version.sha256 },
    });
    res.setHeader('X-Content-SHA256', version.sha256 ?? '');
    return new StreamableFile(stream, {
      type: 'text/csv',
      disposition: contentDisposition(fileName),
      length: version.sizeBytes ?? undefined,
    });
  }

  @Get(':id/profile')
  @AnyRole()
  @ApiOperation({
    summary: 'The latest profile (per column: type, nulls, distinct, min/max, mean, top values, patterns)',
  })
  @ApiOkResponse({ type: ProfileResponse })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such dataset, or not profiled yet' })
  async profile(@Param('id', ParseUUIDPipe) id: string): Promise<ProfileResponse> {
    await this.datasets.get(id);
    const p = await this.profiling.latest(id);
    if (!p) throw new NotReadyError(`Dataset ${id} has no profile yet`);
    return toProfileDto(p);
  }

  @Get(':id/sample')
  @AnyRole()
  @ApiOperation({
    summary: 'First rows of the current version as raw text (previews); sensitive datasets: DataEngineer+',
  })
  @ApiOkResponse({ type: SampleResponse })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such dataset' })
  async sample(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: SampleQueryDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<SampleResponse> {
    const dataset = await this.datasets.get(id);
    if (dataset.sensitive && p.role === R.Analyst) {
      throw new ForbiddenError('Rows of a sensitive dataset are shown to data engineers and admins only');
    }
    const s = await this.access.sampleRows(id, q.limit ?? 100);
    return {
      versionId: s.versionId,
      columns: s.schema.columns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? null })),
      rows: s.rows,
    };
  }
}

/** `attachment; filename="…"` with an ASCII fallback and the UTF-8 name (RFC 6266). */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
